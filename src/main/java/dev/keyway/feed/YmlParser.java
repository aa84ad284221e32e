package dev.keyway.feed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a YML (Yandex Market Language) feed as a stream with StAX: {@code yml_catalog/shop} with
 * {@code currencies}, {@code categories} and {@code offers}. Each offer is handed to the sink as it
 * is read, never the whole document held; an offer that cannot be imported (missing id, bad
 * price…) is handed over as a reject with its reason. A document that is malformed, truncated or
 * not a yml_catalog throws {@link FeedFormatException}. DTDs and external entities are off (XXE).
 * A gzip body (by its magic bytes) is unpacked on the fly.
 */
public final class YmlParser {
    /** Where parsed offers go. */
    public interface Sink {
        void offer(Offer offer);

        void reject(String offerId, String reason);
    }

    private static final int MAX_TEXT = 100_000;
    private static final XMLInputFactory FACTORY = factory();

    private YmlParser() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Parses {@code in} (plain or gzip) to the end; the caller closes {@code in}. */
    public static void parse(InputStream in, Sink sink) throws IOException, FeedFormatException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        InputStream body = b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered, 64 * 1024), 64 * 1024)
                : buffered;
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(body);
            new Reading(r, sink).document();
        } catch (XMLStreamException e) {
            for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause()
                    : t instanceof XMLStreamException x ? x.getNestedException() : null) {
                if (t instanceof java.io.EOFException) {
                    throw new FeedFormatException("the feed ends before the end of its document (truncated)");
                }
                if (t instanceof IOException io) {
                    throw io;
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            throw new FeedFormatException("the feed is not well-formed XML" + where(e.getLocation()) + ": " + clean(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static String where(Location l) {
        return l == null || l.getLineNumber() < 0 ? "" : " (line " + l.getLineNumber() + ", column " + l.getColumnNumber() + ")";
    }

    private static String clean(String m) {
        if (m == null) {
            return "unreadable";
        }
        String s = m.replaceAll("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "").trim();
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    /** One pass over one document. */
    private static final class Reading {
        private final XMLStreamReader r;
        private final Sink sink;
        private final Map<String, String> categories = new HashMap<>();

        Reading(XMLStreamReader r, Sink sink) {
            this.r = r;
            this.sink = sink;
        }

        void document() throws XMLStreamException, FeedFormatException {
            if (r.nextTag() != XMLStreamConstants.START_ELEMENT || !r.getLocalName().equals("yml_catalog")) {
                throw new FeedFormatException("the feed is not a YML catalogue: its root element is <" + r.getLocalName()
                        + ">, not <yml_catalog>");
            }
            boolean shop = false;
            while (next() == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("shop")) {
                    shop = true;
                    shop();
                } else {
                    skip();
                }
            }
            if (!shop) {
                throw new FeedFormatException("the feed has no <shop> in its <yml_catalog>");
            }
            while (r.hasNext()) {
                r.next(); // to the end of the document: a truncated tail fails here
            }
        }

        private void shop() throws XMLStreamException {
            while (next() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "categories" -> categories();
                    case "offers" -> offers();
                    default -> skip(); // name, company, url, currencies, delivery-options…: not imported
                }
            }
        }

        private void categories() throws XMLStreamException {
            while (next() == XMLStreamConstants.START_ELEMENT) {
                String id = r.getAttributeValue(null, "id");
                String name = text();
                if (id != null && categories.size() < 100_000) {
                    categories.put(id.trim(), name.trim());
                }
            }
        }

        private void offers() throws XMLStreamException {
            while (next() == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("offer")) {
                    offer();
                } else {
                    skip();
                }
            }
        }

        private void offer() throws XMLStreamException {
            String id = trimmed(r.getAttributeValue(null, "id"));
            String group = trimmed(r.getAttributeValue(null, "group_id"));
            String availableAttr = trimmed(r.getAttributeValue(null, "available"));
            Map<String, String> one = new HashMap<>();
            List<String> pictures = new ArrayList<>();
            List<Offer.Param> params = new ArrayList<>();
            while (next() == XMLStreamConstants.START_ELEMENT) {
                String tag = r.getLocalName();
                switch (tag) {
                    case "picture" -> {
                        String p = text().trim();
                        if (!p.isEmpty() && pictures.size() < 50) {
                            pictures.add(p);
                        }
                    }
                    case "param" -> {
                        String name = trimmed(r.getAttributeValue(null, "name"));
                        String unit = trimmed(r.getAttributeValue(null, "unit"));
                        String value = text().trim();
                        if (name != null && params.size() < 200) {
                            params.add(new Offer.Param(name, unit, value));
                        }
                    }
                    default -> one.put(tag, text());
                }
            }
            String reason = null;
            if (id == null) {
                reason = "missing id";
            } else if (id.length() > 200 || (group != null && group.length() > 200)) {
                reason = "id or group_id longer than 200 characters";
            }
            BigDecimal price = decimal(one.get("price"));
            BigDecimal oldPrice = decimal(one.get("oldprice"));
            String name = trimmed(one.get("name"));
            if (name == null && one.get("model") != null) {
                name = String.join(" ", java.util.stream.Stream.of(one.get("typePrefix"), one.get("vendor"), one.get("model"))
                        .filter(s -> s != null && !s.isBlank()).map(String::trim).toList());
            }
            if (reason == null && one.get("price") == null) {
                reason = "missing price";
            } else if (reason == null && (price == null || price.signum() < 0)) {
                reason = "bad price '" + shortened(one.get("price")) + "'";
            } else if (reason == null && one.get("oldprice") != null && (oldPrice == null || oldPrice.signum() < 0)) {
                reason = "bad oldprice '" + shortened(one.get("oldprice")) + "'";
            } else if (reason == null && (name == null || name.isBlank())) {
                reason = "missing name";
            } else if (reason == null && availableAttr != null && !availableAttr.equals("true") && !availableAttr.equals("false")) {
                reason = "bad available '" + shortened(availableAttr) + "'";
            }
            if (reason != null) {
                sink.reject(id, reason);
                return;
            }
            String categoryId = trimmed(one.get("categoryId"));
            sink.offer(new Offer(id, group != null ? group : id, name, price, oldPrice, trimmed(one.get("currencyId")),
                    categoryId, categoryId == null ? null : categories.get(categoryId), !"false".equals(availableAttr),
                    trimmed(one.get("url")), trimmed(one.get("vendor")), trimmed(one.get("vendorCode")),
                    trimmed(one.get("description")), pictures, params));
        }

        /** The next start or end tag, skipping text, comments and processing instructions. */
        private int next() throws XMLStreamException {
            while (true) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT || e == XMLStreamConstants.END_ELEMENT) {
                    return e;
                }
                if (e == XMLStreamConstants.END_DOCUMENT) {
                    throw new XMLStreamException("the document ends inside an element (truncated)", r.getLocation());
                }
                if (e == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("entity references other than the XML ones are refused: &"
                            + r.getLocalName() + ";", r.getLocation());
                }
            }
        }

        /** The text of the current element (nested elements skipped), at most {@link #MAX_TEXT} characters kept. */
        private String text() throws XMLStreamException {
            StringBuilder s = new StringBuilder();
            int depth = 1;
            while (depth > 0) {
                int e = r.next();
                switch (e) {
                    case XMLStreamConstants.START_ELEMENT -> depth++;
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth == 1 && s.length() < MAX_TEXT) {
                            s.append(r.getText(), 0, Math.min(r.getTextLength(), MAX_TEXT - s.length()));
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                            "entity references other than the XML ones are refused: &" + r.getLocalName() + ";", r.getLocation());
                    case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException(
                            "the document ends inside an element (truncated)", r.getLocation());
                    default -> { }
                }
            }
            return s.toString();
        }

        private void skip() throws XMLStreamException {
            text();
        }

        private static String trimmed(String s) {
            if (s == null) {
                return null;
            }
            String t = s.trim();
            return t.isEmpty() ? null : t;
        }

        private static BigDecimal decimal(String s) {
            String t = trimmed(s);
            if (t == null || t.length() > 30) {
                return null;
            }
            try {
                BigDecimal d = new BigDecimal(t.replace(',', '.'));
                return d.scale() > 4 || d.precision() - d.scale() > 15 ? null : d;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String shortened(String s) {
            String t = s == null ? "" : s.trim();
            return t.length() > 40 ? t.substring(0, 40) + "…" : t;
        }
    }
}
