package dev.keyway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link KeywayMain} started as a separate java process on the test classpath; {@link #kill()} sends SIGKILL. */
public final class ChildKeyway implements AutoCloseable {
    private final Process process;
    private final String base;
    private final String apiKey;

    private ChildKeyway(Process process, String base, String apiKey) {
        this.process = process;
        this.base = base;
        this.apiKey = apiKey;
    }

    /** Starts one and waits until it listens; {@code account} non-null: creates that account first (see {@link #apiKey()}). */
    public static ChildKeyway start(Map<String, String> env, String account, Path log) {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), KeywayMain.class.getName()));
        if (account != null) {
            command.add(account);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("KEYWAY_PORT", Integer.toString(port));
        pb.environment().put("KEYWAY_PUBLIC_URL", "http://127.0.0.1:" + port);
        try {
            Process p = pb.start();
            CompletableFuture<String> key = new CompletableFuture<>();
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                     var out = Files.newBufferedWriter(log, StandardOpenOption.APPEND)) {
                    for (String line; (line = r.readLine()) != null; ) {
                        out.write(line);
                        out.newLine();
                        out.flush();
                        if (line.startsWith("KEY ")) {
                            key.complete(line.substring(4));
                        } else if (line.startsWith("READY ")) {
                            key.complete(null);
                            ready.complete(line.substring(6));
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                ready.completeExceptionally(new IllegalStateException("Keyway process ended before it was ready; see " + log));
            });
            ready.get(60, TimeUnit.SECONDS);
            return new ChildKeyway(p, "http://127.0.0.1:" + port, key.getNow(null));
        } catch (Exception e) {
            throw new IllegalStateException("could not start a Keyway process", e);
        }
    }

    public String base() {
        return base;
    }

    public String apiKey() {
        return apiKey;
    }

    /** CPU time the process has used so far (all its threads). */
    public java.time.Duration cpu() {
        return process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    /** SIGKILL (Process.destroyForcibly on Linux), and wait until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
