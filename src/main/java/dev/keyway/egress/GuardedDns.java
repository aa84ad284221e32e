package dev.keyway.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * OkHttp's only source of addresses for host names: resolves once through the {@link Resolver}
 * and returns exactly the checked addresses, so OkHttp dials what was validated (no second
 * lookup, so DNS rebinding cannot swap the address). A refusal travels through OkHttp as the cause
 * of an {@link UnknownHostException}; {@link Exchange} unwraps it.
 */
final class GuardedDns implements Dns {
    private final Gate gate;

    GuardedDns(Gate gate) {
        this.gate = gate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        try {
            return gate.lookup(hostname);
        } catch (EgressException refused) {
            UnknownHostException wrapped = new UnknownHostException(refused.getMessage());
            wrapped.initCause(refused);
            throw wrapped;
        }
    }
}
