package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRulesTest {

    @ParameterizedTest(name = "{0} is refused by {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
        "10.0.0.1, PRIVATE", "172.16.5.4, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
        "fec0::1, PRIVATE",
        "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
        "169.254.169.254, HOST_DENIED", "169.254.170.2, HOST_DENIED", "100.100.100.200, HOST_DENIED",
        "fd00:ec2::254, HOST_DENIED",
        "100.64.0.1, CGNAT", "100.127.255.255, CGNAT",
        "fc00::1, UNIQUE_LOCAL", "fd12::1, UNIQUE_LOCAL",
        "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST",
        "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
        "240.0.0.1, RESERVED", "255.255.255.255, RESERVED", "192.0.0.8, RESERVED", "198.18.0.1, RESERVED",
        "192.0.2.1, RESERVED", "2001:db8::1, RESERVED", "100::1, RESERVED", "4000::1, RESERVED",
        "::ffff:10.0.0.1, PRIVATE", "::ffff:169.254.169.254, HOST_DENIED",
        "::10.0.0.1, PRIVATE", "::127.0.0.1, LOOPBACK", "::8.8.8.8, RESERVED",
        "64:ff9b::a00:1, PRIVATE", "64:ff9b::7f00:1, LOOPBACK", "64:ff9b:1::1, RESERVED",
        "2002:a00:1::1, PRIVATE", "2002:a9fe:a9fe::, HOST_DENIED", "2001:0:4136:e378::1, RESERVED",
    })
    void refusedAddressesNameTheirRule(String literal, Rule rule) {
        assertThat(AddressRules.classify(address(literal))).contains(rule);
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.255.0.1", "11.0.0.1",
        "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"})
    void publicAddressesAreAccepted(String literal) {
        assertThat(AddressRules.classify(address(literal))).isEmpty();
    }

    @Test
    void mappedAddressHeldInAnInet6AddressIsClassifiedByItsIpv4() throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = 127;
        bytes[15] = 1;
        InetAddress mapped = Inet6Address.getByAddress(null, bytes, -1);

        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(AddressRules.classify(mapped)).isEqualTo(Optional.of(Rule.LOOPBACK));
    }

    private static InetAddress address(String literal) {
        return Cidr.literal(literal).orElseThrow();
    }
}
