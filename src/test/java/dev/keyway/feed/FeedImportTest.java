package dev.keyway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.FeedServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Yml;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imports of a public feed served on loopback: first import, unchanged, changed, only SKUs, failures. */
class FeedImportTest {
    static KeywayUnderTest keyway;
    Api api;
    FeedServer feed;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    @BeforeEach
    void account() {
        api = keyway.newAccount("Shop " + System.nanoTime());
        feed = new FeedServer();
    }

    @AfterEach
    void stopFeed() {
        feed.close();
    }

    String createImport(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Catalogue " + System.nanoTime(), "url", feed.url(),
                "schedule", "every 15m"));
        body.putAll(extra);
        Api.Answer created = api.post("/api/v1/imports", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    JsonNode run(String id) {
        Api.Answer run = api.post("/api/v1/imports/" + id + "/run", null);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.json();
    }

    JsonNode products(String query) {
        Api.Answer page = api.get("/api/v1/products" + query);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json();
    }

    Map<String, JsonNode> skus() {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode p : products("?limit=500").get("items")) {
            for (JsonNode s : p.get("skus")) {
                byId.put(s.get("id").asText(), s);
            }
        }
        return byId;
    }

    static Yml threeOffers() {
        return Yml.feed().offer("101", "7", "Boot", "1999.90", true).offer("102", "7", "Boot", "2099.90", true)
                .offer("200", null, "Cap", "300", true);
    }

    @Test
    void theFirstImportCreatesProductsAndTheirSkus() {
        feed.serve(threeOffers().raw("<offer id=\"bad\"><price>free</price><name>X</name></offer>").xml());
        String id = createImport(Map.of());

        JsonNode run = run(id);

        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(run.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(run.get("offersRead").asInt()).isEqualTo(4);
        assertThat(run.get("created").asInt()).isEqualTo(3);
        assertThat(run.get("rejected").asInt()).isEqualTo(1);
        assertThat(run.get("rejects").get(0).asText()).isEqualTo("offer bad: bad price 'free'");
        assertThat(run.get("durationMs").isNumber()).isTrue();
        JsonNode page = products("");
        assertThat(page.get("total").asInt()).isEqualTo(2);
        JsonNode boot = page.get("items").get(0);
        assertThat(boot.get("id").asText()).isEqualTo("7");
        assertThat(boot.get("name").asText()).isEqualTo("Boot");
        assertThat(boot.get("category").asText()).isEqualTo("Shoes");
        assertThat(boot.get("skus")).hasSize(2);
        JsonNode sku = boot.get("skus").get(0);
        assertThat(sku.get("id").asText()).isEqualTo("101");
        assertThat(sku.get("price").decimalValue()).isEqualByComparingTo("1999.9");
        assertThat(sku.get("currency").asText()).isEqualTo("RUB");
        assertThat(sku.get("available").asBoolean()).isTrue();
        assertThat(sku.get("vendorCode").asText()).isEqualTo("AC-101");
        assertThat(sku.get("pictures").get(0).asText()).isEqualTo("https://shop.example/i/101.jpg");
        assertThat(sku.get("params").get(1).get("unit").asText()).isEqualTo("EU");
        assertThat(api.get("/api/v1/imports/" + id + "/runs").json().get("items")).hasSize(1);
    }

    @Test
    void aSecondImportOfAnUnchangedFeedCostsOneConditionalRequestAndWritesNothing() {
        feed.serve(threeOffers().xml());
        String id = createImport(Map.of());
        run(id);
        String updatedBefore = skus().get("101").get("updatedAt").asText();

        JsonNode second = run(id);

        assertThat(second.get("status").asText()).isEqualTo("unchanged");
        assertThat(second.get("httpStatus").asInt()).isEqualTo(304);
        assertThat(second.get("offersRead").asInt()).isZero();
        assertThat(feed.requests()).hasSize(2);
        assertThat(feed.requests().get(1).header("if-none-match")).isNotNull();
        assertThat(skus().get("101").get("updatedAt").asText()).isEqualTo(updatedBefore);
        assertThat(api.get("/api/v1/imports/" + id + "/runs").json().get("items").get(0).get("status").asText())
                .isEqualTo("unchanged");
    }

    @Test
    void aFullReadOfAnUnchangedFeedCountsEveryOfferUnchangedAndWritesNothing() {
        feed.validators(false).serve(threeOffers().xml());
        String id = createImport(Map.of());
        run(id);
        String updatedBefore = skus().get("101").get("updatedAt").asText();

        JsonNode second = run(id);

        assertThat(second.get("status").asText()).isEqualTo("succeeded");
        assertThat(second.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(second.get("offersRead").asInt()).isEqualTo(3);
        assertThat(second.get("unchanged").asInt()).isEqualTo(3);
        assertThat(second.get("created").asInt() + second.get("updated").asInt() + second.get("madeUnavailable").asInt()).isZero();
        assertThat(skus().get("101").get("updatedAt").asText()).isEqualTo(updatedBefore);
        assertThat(skus().get("101").get("available").asBoolean()).isTrue();
    }

    @Test
    void aRepeatedOfferIdIsRejectedAndTheFirstOfferWins() {
        feed.serve(Yml.feed().offer("101", "7", "Boot", "1999.90", true).offer("101", "7", "Boot copy", "5.00", true)
                .offer("102", "7", "Boot", "2099.90", true).xml());
        String id = createImport(Map.of());

        JsonNode run = run(id);

        assertThat(run.get("created").asInt()).isEqualTo(2);
        assertThat(run.get("rejected").asInt()).isEqualTo(1);
        assertThat(run.get("rejects").get(0).asText()).isEqualTo("offer 101: duplicate offer id");
        assertThat(skus().get("101").get("price").decimalValue()).isEqualByComparingTo("1999.9");
        assertThat(skus().get("101").get("name").asText()).isEqualTo("Boot");
    }

    @Test
    void aChangedFeedCreatesUpdatesAndMakesOffersGoneFromItUnavailable() {
        feed.serve(threeOffers().xml());
        String id = createImport(Map.of());
        run(id);
        feed.serve(Yml.feed().offer("101", "7", "Boot", "1799.90", true).offer("200", null, "Cap", "300", true)
                .offer("300", null, "Scarf", "500", true).xml());

        JsonNode run = run(id);

        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(run.get("created").asInt()).isEqualTo(1);
        assertThat(run.get("updated").asInt()).isEqualTo(1);
        assertThat(run.get("unchanged").asInt()).isEqualTo(1);
        assertThat(run.get("madeUnavailable").asInt()).isEqualTo(1);
        Map<String, JsonNode> skus = skus();
        assertThat(skus.get("101").get("price").decimalValue()).isEqualByComparingTo("1799.9");
        assertThat(skus.get("102").get("available").asBoolean()).isFalse();
        assertThat(skus.get("300").get("available").asBoolean()).isTrue();

        feed.serve(threeOffers().xml());
        JsonNode back = run(id);
        assertThat(back.get("updated").asInt()).as("101's price and 102 back in the feed").isEqualTo(2);
        assertThat(skus().get("102").get("available").asBoolean()).isTrue();
    }

    @Test
    void onlySkusModeUpdatesTheOffersOfProductsAlreadyInTheCatalogueAndCreatesNoProduct() {
        feed.serve(threeOffers().xml());
        run(createImport(Map.of()));
        FeedServer prices = new FeedServer().serve(Yml.feed().offer("101", "7", "Boot renamed", "999", false)
                .offer("103", "7", "Boot", "1000", true).offer("900", null, "Unknown", "1", true).xml());
        try {
            Api.Answer created = api.post("/api/v1/imports", Map.of("name", "Prices", "url", prices.url(), "mode", "skus_only"));
            assertThat(created.json().get("mode").asText()).isEqualTo("skus_only");

            JsonNode run = run(created.text("id"));

            assertThat(run.get("updated").asInt()).isEqualTo(1);
            assertThat(run.get("created").asInt()).as("a new SKU of an existing product").isEqualTo(1);
            assertThat(run.get("rejected").asInt()).isEqualTo(1);
            assertThat(run.get("rejects").get(0).asText()).contains("900").contains("not in the catalogue");
            JsonNode page = products("");
            assertThat(page.get("total").asInt()).as("no product created").isEqualTo(2);
            assertThat(page.get("items").get(0).get("name").asText()).as("products untouched").isEqualTo("Boot");
            Map<String, JsonNode> skus = skus();
            assertThat(skus.get("101").get("price").decimalValue()).isEqualByComparingTo("999");
            assertThat(skus.get("101").get("available").asBoolean()).isFalse();
            assertThat(skus).containsKey("103").doesNotContainKey("900");
        } finally {
            prices.close();
        }
    }

    @Test
    void textWithQuotesBackslashesBracesAndTheWordNullIsStoredAsWritten() {
        String odd = "Boot \"Lux\" \\ {a,b} 'c' ёж";
        feed.validators(false).serve(Yml.feed().offer("q1", null, odd, "10", true).offer("q2", null, "NULL", "20", true).xml());
        String id = createImport(Map.of());

        assertThat(run(id).get("created").asInt()).isEqualTo(2);

        Map<String, JsonNode> skus = skus();
        assertThat(skus.get("q1").get("name").asText()).isEqualTo(odd);
        assertThat(skus.get("q2").get("name").asText()).isEqualTo("NULL");
        assertThat(run(id).get("unchanged").asInt()).as("read again: unchanged").isEqualTo(2);
    }

    @Test
    void aFeedWithNoneOfThePreviousOffersMakesThemAllUnavailable() {
        feed.serve(threeOffers().xml());
        String id = createImport(Map.of());
        run(id);
        feed.serve(Yml.feed().offer("900", null, "Scarf", "500", true).xml());

        JsonNode run = run(id);

        assertThat(run.get("created").asInt()).isEqualTo(1);
        assertThat(run.get("madeUnavailable").asInt()).isEqualTo(3);
        Map<String, JsonNode> skus = skus();
        assertThat(List.of("101", "102", "200")).allSatisfy(sku -> assertThat(skus.get(sku).get("available").asBoolean()).isFalse());
        assertThat(skus.get("900").get("available").asBoolean()).isTrue();
    }

    @Test
    void aLargeFeedStagedOverSeveralCommitsThatBreaksAtItsEndLeavesTheCatalogueExactlyAsItWas() {
        feed.serve(threeOffers().xml());
        String id = createImport(Map.of());
        run(id);
        JsonNode before = products("");
        Yml large = Yml.feed();
        for (int i = 0; i < CatalogueWriter.COMMIT_EVERY * 5 + 500; i++) {
            large.offer("L" + i, null, "Large " + i, "10", true);
        }
        String whole = large.xml();
        feed.serve(whole.substring(0, whole.length() - 30));

        JsonNode run = run(id);

        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("error").asText()).contains("nothing was imported");
        assertThat(products("")).isEqualTo(before);
        feed.serve(whole);
        assertThat(run(id).get("created").asInt()).isEqualTo(CatalogueWriter.COMMIT_EVERY * 5 + 500);
    }

    @Test
    void aMalformedOrTruncatedFeedFailsTheRunAndLeavesTheCatalogueExactlyAsItWas() {
        feed.serve(threeOffers().xml());
        String id = createImport(Map.of());
        run(id);
        JsonNode before = products("");
        String whole = Yml.feed().offer("101", "7", "Boot", "1", true).offer("400", null, "New", "1", true).xml();

        for (String broken : List.of(whole.substring(0, whole.length() - 30), whole.replace("</name>", "</nme>"))) {
            feed.serve(broken);
            JsonNode run = run(id);

            assertThat(run.get("status").asText()).isEqualTo("failed");
            assertThat(run.get("error").asText()).contains("malformed").contains("nothing was imported");
            assertThat(products("")).isEqualTo(before);
        }
        JsonNode imp = api.get("/api/v1/imports/" + id).json();
        assertThat(imp.get("lastError").asText()).contains("malformed");

        feed.serve(threeOffers().xml());
        assertThat(run(id).get("status").asText()).as("the last imported feed again: the catalogue already holds it")
                .isEqualTo("unchanged");
        assertThat(api.get("/api/v1/imports/" + id).json().get("lastError").isNull()).isTrue();
    }

    @Test
    void aFeedAnsweringAnErrorStatusFailsTheRun() {
        feed.serve(threeOffers().xml()).authorize(a -> false);
        JsonNode run = run(createImport(Map.of()));

        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("httpStatus").asInt()).isEqualTo(401);
        assertThat(run.get("error").asText()).contains("401");
    }

    @Test
    void aGzipFeedIsImported() {
        feed.serve(threeOffers().xml()).gzipFile(true);

        JsonNode run = run(createImport(Map.of()));

        assertThat(run.get("created").asInt()).isEqualTo(3);
    }

    @Test
    void productsAreSearchedByNameAndPagedWithTheTotalCount() {
        Yml many = Yml.feed();
        for (int i = 0; i < 12; i++) {
            many.offer("b" + i, null, "Boot " + (char) ('a' + i), "10", true);
        }
        feed.serve(many.offer("c1", null, "Cap", "5", true).xml());
        run(createImport(Map.of()));

        JsonNode page = products("?q=BOOT&limit=5&offset=10");

        assertThat(page.get("total").asInt()).isEqualTo(12);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("name").asText()).isEqualTo("Boot k");
        assertThat(products("?q=cap").get("items").get(0).get("skus").get(0).get("id").asText()).isEqualTo("c1");
        assertThat(api.get("/api/v1/products?limit=0").json().get("field").asText()).isEqualTo("limit");
    }
}
