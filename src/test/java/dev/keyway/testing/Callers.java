package dev.keyway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Many concurrent API callers (virtual threads), and Keyway's own counters read from {@code /metrics}. */
public final class Callers {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Callers() {
    }

    /**
     * Starts {@code n} calls at once, call {@code i} made by {@code call.apply(i)}; the futures complete with
     * the answers. The caller joins them (all(...)).
     */
    public static List<CompletableFuture<Api.Answer>> start(int n, IntFunction<Api.Answer> call) {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<Api.Answer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            out.add(CompletableFuture.supplyAsync(() -> call.apply(index), threads));
        }
        threads.shutdown(); // the started calls still run to the end
        return out;
    }

    public static List<Api.Answer> all(List<CompletableFuture<Api.Answer>> calls) {
        return calls.stream().map(CompletableFuture::join).toList();
    }

    /** The value of one Prometheus sample of a Keyway instance, 0 when absent; {@code labels} e.g. {@code result="miss"}. */
    public static double metric(KeywayUnderTest keyway, String name, String labels) {
        String text;
        try {
            text = CLIENT.send(HttpRequest.newBuilder(URI.create(keyway.base() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\}\\s+(\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /** How many GET token calls of this instance missed the in-memory cache so far. */
    public static double cacheMisses(KeywayUnderTest keyway) {
        return metric(keyway, "keyway_token_cache_total", "result=\"miss\"");
    }
}
