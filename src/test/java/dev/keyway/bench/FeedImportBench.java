package dev.keyway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What bench/feed-import.sh measures: Keyway (fresh H2, this JVM) importing a generated feed of N
 * offers (default 1,000,000; 3 in 4 in groups of 3) — on H2, or on the local PostgreSQL with BENCH_DB=postgres — streamed by a JDK HttpServer on loopback, then
 * the same feed again (304: unchanged), then the same feed without validators (read in full, every
 * offer unchanged). Prints each run's report, its wall time and the JVM's peak heap.
 * Not a test: run by the script only.
 */
public final class FeedImportBench {
    private FeedImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int offers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean[] validators = {true};
        HttpServer feed = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        feed.createContext("/feed.xml", x -> {
            try (x) {
                // one connection per request: the JDK server drops idle keep-alive connections, and Keyway's egress
                // client does not retry a stale pooled one (retryOnConnectionFailure is off), which fails the next run
                x.getResponseHeaders().add("Connection", "close");
                if (validators[0]) {
                    x.getResponseHeaders().add("ETag", "\"v1\"");
                    if ("\"v1\"".equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                        x.sendResponseHeaders(304, -1);
                        return;
                    }
                }
                x.getResponseHeaders().add("Content-Type", "application/xml");
                x.sendResponseHeaders(200, 0); // chunked: generated as it is sent, never held
                try (OutputStream out = new BufferedOutputStream(x.getResponseBody(), 64 * 1024)) {
                    out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><yml_catalog date=\"2026-11-22\"><shop><name>Bench</name>"
                            + "<currencies><currency id=\"RUB\" rate=\"1\"/></currencies><categories>"
                            + "<category id=\"1\">Shoes</category></categories><offers>\n").getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < offers; i++) {
                        String group = i % 4 == 0 ? "" : " group_id=\"g" + (i / 4) + "\"";
                        out.write(("<offer id=\"o" + i + "\"" + group + " available=\"true\"><url>https://shop.example/p/" + i
                                + "</url><price>" + (100 + i % 900) + ".90</price><oldprice>" + (1000 + i % 900)
                                + "</oldprice><currencyId>RUB</currencyId><categoryId>1</categoryId><picture>"
                                + "https://shop.example/i/" + i + ".jpg</picture><name>Product " + i + "</name><vendor>Acme"
                                + "</vendor><vendorCode>AC-" + i + "</vendorCode><description>A fine product number " + i
                                + " of the bench catalogue.</description><param name=\"Colour\">red</param>"
                                + "<param name=\"Size\" unit=\"EU\">" + (36 + i % 10) + "</param></offer>\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    out.write("</offers></shop></yml_catalog>".getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        feed.start();
        HeapWatch heap = HeapWatch.start();
        String url = "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed.xml";
        validators[0] = false;
        double parseOnly = parseOnly(url);
        validators[0] = true;
        System.out.printf("BENCH load %s; baseline: fetch and parse only (no database) %.1f s%n", load(), parseOnly);
        KeywayUnderTest.Builder builder = KeywayUnderTest.builder().env("KEYWAY_LOG_LEVEL", "INFO");
        if ("postgres".equals(System.getenv("BENCH_DB"))) {
            builder.database(dev.keyway.testing.Databases.freshPostgres());
        }
        try (KeywayUnderTest keyway = builder.start()) {
            Api api = keyway.newAccount("bench");
            String id = api.post("/api/v1/imports", Map.of("name", "bench", "url",
                    "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed.xml")).text("id");
            run(api, id, "first import of " + offers + " offers", heap, parseOnly);
            run(api, id, "same feed again (conditional GET)", heap, parseOnly);
            validators[0] = false;
            run(api, id, "same feed again, read in full (no validators)", heap, parseOnly);
            System.out.printf("BENCH load %s at the end%n", load());
        } finally {
            feed.stop(0);
        }
    }

    /** A POST without Api's 30 s timeout: a large import takes longer. */
    private static JsonNode post(Api api, String path) {
        try {
            var f = Api.class.getDeclaredField("apiKey");
            f.setAccessible(true);
            var b = Api.class.getDeclaredField("base");
            b.setAccessible(true);
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(b.get(api) + path))
                    .timeout(java.time.Duration.ofMinutes(30)).POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + f.get(api)).build();
            String body = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Api api, String id, String what, HeapWatch heap, double parseOnly) {
        heap.reset();
        long t0 = System.nanoTime();
        JsonNode r = post(api, "/api/v1/imports/" + id + "/run");
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BENCH %s: %s, http %s, read %d, created %d, updated %d, unchanged %d, rejected %d; wall %.1f s "
                        + "(%.1f x parse-only); heap used peak %d MB, heap after GC peak %d MB, max heap %d MB%s%n", what,
                r.get("status").asText(), r.get("httpStatus"), r.get("offersRead").asInt(), r.get("created").asInt(),
                r.get("updated").asInt(), r.get("unchanged").asInt(), r.get("rejected").asInt(), s, s / parseOnly,
                heap.peakUsed() >> 20, heap.peakLive() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                r.get("error").isNull() ? "" : "; error: " + r.get("error").asText());
    }

    /** The same feed fetched over loopback and parsed with Keyway's parser into a sink that only counts: the floor of a run. */
    private static double parseOnly(String url) throws Exception {
        long t0 = System.nanoTime();
        int[] n = {0};
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        try (var in = response.body()) {
            dev.keyway.feed.YmlParser.parse(in, new dev.keyway.feed.YmlParser.Sink() {
                @Override
                public void offer(dev.keyway.feed.Offer offer) {
                    n[0]++;
                }

                @Override
                public void reject(String offerId, String reason) {
                    n[0]++;
                }
            });
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
