package dev.keyway;

import dev.keyway.account.Accounts;
import dev.keyway.account.Passwords;
import dev.keyway.account.Users;
import dev.keyway.config.Settings;
import dev.keyway.crypto.Keysets;
import dev.keyway.crypto.KeysetSource;
import dev.keyway.crypto.SecretBox;
import dev.keyway.crypto.Tokens;
import dev.keyway.store.Database;
import dev.keyway.store.Json;
import dev.keyway.store.Reencryption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: serve (the default), create-account, create-keyset, rotate-keyset, reencrypt. Settings come from the environment. */
@Command(name = "keyway", mixinStandardHelpOptions = true, subcommands = {
        Cli.Serve.class, Cli.CreateAccount.class, Cli.CreateKeyset.class, Cli.RotateKeyset.class, Cli.Reencrypt.class})
final class Cli implements Callable<Integer> {

    static int run(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return new CommandLine(new Cli()).execute(args.length == 0 ? new String[] {"serve"} : args);
    }

    @Override
    public Integer call() {
        return new Serve().call();
    }

    private static Settings settings() {
        return Settings.fromEnvironment();
    }

    private static SecretBox box(Settings s) {
        return new SecretBox(KeysetSource.load(s.keysetJson(), s.keysetFile(), s.profile() == Settings.Profile.EMBEDDED));
    }

    @Command(name = "serve", description = "Run Keyway (configuration from KEYWAY_* environment variables).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            Settings s = settings();
            var keyset = KeysetSource.load(s.keysetJson(), s.keysetFile(), s.profile() == Settings.Profile.EMBEDDED);
            Keyway keyway = Keyway.start(s, keyset, Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                keyway.close();
                stopped.countDown();
            }));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    @Command(name = "create-account", description = "Create an account, its first API key and (with --operator-email) "
            + "its first operator of the admin UI; prints them as JSON (the key and a generated password are shown only here).")
    static final class CreateAccount implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "the account's name")
        String name;

        @Option(names = "--operator-email", description = "email of the first operator, who signs in at /admin")
        String operatorEmail;

        @Option(names = "--operator-password", description = "the operator's password (12+ characters); generated and printed when absent")
        String operatorPassword;

        @Override
        public Integer call() {
            Settings s = settings();
            try (Database db = Database.open(s.databaseUrl(), s.databaseUser(), s.databasePassword())) {
                String password = operatorPassword != null ? operatorPassword : Tokens.random(18);
                var users = new Users(db.jdbi(), new Passwords(), Clock.systemUTC());
                if (operatorEmail != null) {
                    try {
                        Users.check(operatorEmail, password);
                    } catch (IllegalArgumentException e) {
                        System.err.println(e.getMessage() + ": nothing created");
                        return 1;
                    }
                    if (users.find(operatorEmail).isPresent()) {
                        System.err.println("an operator with the email " + operatorEmail + " exists: nothing created");
                        return 1;
                    }
                }
                var created = new Accounts(db.jdbi(), Clock.systemUTC()).create(name);
                StringBuilder out = new StringBuilder().append("{\"accountId\": \"").append(created.id())
                        .append("\", \"apiKey\": \"").append(created.apiKey()).append('"');
                if (operatorEmail != null) {
                    var user = users.create(created.id(), operatorEmail, password);
                    out.append(", \"operatorEmail\": ").append(quoted(user.email()));
                    if (operatorPassword == null) {
                        out.append(", \"operatorPassword\": ").append(quoted(password));
                    }
                }
                System.out.println(out.append('}'));
            }
            return 0;
        }

        private static String quoted(String s) {
            try {
                return Json.mapper().writeValueAsString(s);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "create-keyset", description = "Write a new keyset file (mode 600); refuses to overwrite one.")
    static final class CreateKeyset implements Callable<Integer> {
        @Option(names = "--file", required = true)
        Path file;

        @Override
        public Integer call() {
            if (file.toFile().exists()) {
                System.err.println(file + " exists: not overwritten");
                return 1;
            }
            Keysets.write(Keysets.generate(), file);
            System.out.println("keyset written to " + file);
            return 0;
        }
    }

    @Command(name = "rotate-keyset", description = "Add a new primary key to the keyset file; old keys still decrypt. Then run reencrypt.")
    static final class RotateKeyset implements Callable<Integer> {
        @Override
        public Integer call() {
            Settings s = settings();
            Keysets.write(Keysets.rotate(Keysets.read(s.keysetFile())), s.keysetFile());
            System.out.println("keyset " + s.keysetFile() + " has a new primary key; run 'reencrypt' next");
            return 0;
        }
    }

    @Command(name = "reencrypt", description = "Re-seal every stored secret under the keyset's primary key.")
    static final class Reencrypt implements Callable<Integer> {
        @Override
        public Integer call() {
            Settings s = settings();
            try (Database db = Database.open(s.databaseUrl(), s.databaseUser(), s.databasePassword())) {
                System.out.println(Reencryption.run(db.jdbi(), box(s)) + " secrets re-encrypted");
            }
            return 0;
        }
    }
}
