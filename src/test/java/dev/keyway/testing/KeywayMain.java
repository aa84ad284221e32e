package dev.keyway.testing;

import dev.keyway.Keyway;
import dev.keyway.config.Settings;
import dev.keyway.crypto.Keysets;
import java.time.Clock;

/**
 * Keyway as its own process (for kill -9 tests and benchmarks): settings from KEYWAY_* variables, the
 * keyset from KEYWAY_KEYSET; with an argument, first creates an account of that name and prints
 * {@code KEY <api key>}; prints {@code READY <port>} once listening, then serves until killed.
 */
public final class KeywayMain {
    private KeywayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Keyway k = Keyway.start(Settings.fromEnvironment(), Keysets.parse(System.getenv("KEYWAY_KEYSET")), Clock.systemUTC());
        if (args.length > 0) {
            System.out.println("KEY " + k.accounts().create(args[0]).apiKey());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(k::close));
        System.out.println("READY " + k.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
