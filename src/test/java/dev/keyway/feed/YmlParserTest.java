package dev.keyway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.testing.Yml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class YmlParserTest {
    final List<Offer> offers = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    final YmlParser.Sink sink = new YmlParser.Sink() {
        @Override
        public void offer(Offer offer) {
            offers.add(offer);
        }

        @Override
        public void reject(String offerId, String reason) {
            rejects.add(offerId + ": " + reason);
        }
    };

    void parse(String xml) throws Exception {
        YmlParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), sink);
    }

    @Test
    void readsEveryMemberOfAnOfferWithItsGroupCategoryPicturesAndParams() throws Exception {
        parse(Yml.feed().offer("101", "7", "Boot 42", "1999.90", true).offer("102", null, "Cap", "300", false).xml());

        assertThat(rejects).isEmpty();
        assertThat(offers).hasSize(2);
        Offer boot = offers.getFirst();
        assertThat(boot.id()).isEqualTo("101");
        assertThat(boot.productId()).isEqualTo("7");
        assertThat(boot.name()).isEqualTo("Boot 42");
        assertThat(boot.price()).isEqualByComparingTo(new BigDecimal("1999.90"));
        assertThat(boot.currency()).isEqualTo("RUB");
        assertThat(boot.categoryId()).isEqualTo("10");
        assertThat(boot.category()).isEqualTo("Shoes");
        assertThat(boot.available()).isTrue();
        assertThat(boot.url()).isEqualTo("https://shop.example/p/101");
        assertThat(boot.vendor()).isEqualTo("Acme");
        assertThat(boot.vendorCode()).isEqualTo("AC-101");
        assertThat(boot.description()).isEqualTo("<p>Boot 42 & more</p>");
        assertThat(boot.pictures()).containsExactly("https://shop.example/i/101.jpg");
        assertThat(boot.params()).containsExactly(new Offer.Param("Colour", null, "red"), new Offer.Param("Size", "EU", "42"));
        assertThat(offers.get(1).productId()).as("no group_id: the offer is its own product").isEqualTo("102");
        assertThat(offers.get(1).available()).isFalse();
    }

    @Test
    void offersThatCannotBeImportedAreRejectedWithTheirReason() throws Exception {
        parse(Yml.feed()
                .raw("<offer><price>1</price><name>No id</name></offer>")
                .raw("<offer id=\"2\"><price>abc</price><name>Bad price</name></offer>")
                .raw("<offer id=\"3\"><name>No price</name></offer>")
                .raw("<offer id=\"4\"><price>-5</price><name>Negative</name></offer>")
                .raw("<offer id=\"5\"><price>5</price></offer>")
                .raw("<offer id=\"6\"><price>5,50</price><name>Comma decimal</name></offer>")
                .xml());

        assertThat(rejects).containsExactly("null: missing id", "2: bad price 'abc'", "3: missing price",
                "4: bad price '-5'", "5: missing name");
        assertThat(offers).extracting(Offer::id).containsExactly("6");
        assertThat(offers.getFirst().price()).isEqualByComparingTo("5.50");
    }

    @Test
    void aVendorModelOfferIsNamedFromTypePrefixVendorAndModel() throws Exception {
        parse(Yml.feed().raw("<offer id=\"9\" type=\"vendor.model\"><price>10</price><typePrefix>Phone</typePrefix>"
                + "<vendor>Acme</vendor><model>X1</model></offer>").xml());

        assertThat(offers).extracting(Offer::name).containsExactly("Phone Acme X1");
    }

    @Test
    void aTruncatedFeedFails() {
        String xml = Yml.feed().offer("1", null, "A", "1", true).offer("2", null, "B", "2", true).xml();

        assertThatThrownBy(() -> parse(xml.substring(0, xml.length() - 40))).isInstanceOf(FeedFormatException.class);
    }

    @Test
    void malformedXmlFailsWithWhereItBroke() {
        assertThatThrownBy(() -> parse("<yml_catalog><shop><offers><offer id=\"1\"><price>1</oops></offer></offers></shop></yml_catalog>"))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("line 1");
    }

    @Test
    void aDocumentThatIsNotAYmlCatalogueFails() {
        assertThatThrownBy(() -> parse("<rss><channel/></rss>")).isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("yml_catalog");
        assertThatThrownBy(() -> parse("<yml_catalog date=\"x\"/>")).isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("shop");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE yml_catalog [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<yml_catalog><shop><offers><offer id=\"1\"><price>1</price><name>&x;</name></offer></offers></shop></yml_catalog>";

        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(FeedFormatException.class);
        assertThat(offers).isEmpty();
    }

    @Test
    void aGzipFeedIsUnpackedOnTheFly() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            gz.write(Yml.feed().offer("1", null, "A", "1", true).xml().getBytes(StandardCharsets.UTF_8));
        }

        YmlParser.parse(new ByteArrayInputStream(packed.toByteArray()), sink);

        assertThat(offers).extracting(Offer::id).containsExactly("1");
    }

    @Test
    void aLargeFeedIsReadAsAStreamNotHeldInMemory() throws Exception {
        int count = 200_000; // ~100 MB of offers generated on the fly, never as one array
        byte[] head = "<yml_catalog><shop><offers>".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "</offers></shop></yml_catalog>".getBytes(StandardCharsets.UTF_8);
        String filler = "x".repeat(400);
        InputStream generated = new InputStream() {
            int next;
            byte[] current = new byte[0];
            int pos;

            @Override
            public int read() throws IOException {
                if (pos == current.length) {
                    if (next == count) {
                        return -1;
                    }
                    current = ("<offer id=\"" + next + "\"><price>" + next + "</price><name>N" + next + "</name><description>"
                            + filler + "</description></offer>").getBytes(StandardCharsets.UTF_8);
                    next++;
                    pos = 0;
                }
                return current[pos++] & 0xff;
            }
        };
        long[] seen = {0};
        YmlParser.parse(new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head), generated,
                new ByteArrayInputStream(tail)))), new YmlParser.Sink() {
                    @Override
                    public void offer(Offer offer) {
                        seen[0]++;
                    }

                    @Override
                    public void reject(String offerId, String reason) {
                        throw new AssertionError(reason);
                    }
                });

        assertThat(seen[0]).isEqualTo(count);
    }
}
