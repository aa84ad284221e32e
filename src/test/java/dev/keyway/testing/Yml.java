package dev.keyway.testing;

import java.util.ArrayList;
import java.util.List;

/** Builds a YML (Yandex Market Language) feed for tests. */
public final class Yml {
    private final List<String> offers = new ArrayList<>();

    public static Yml feed() {
        return new Yml();
    }

    /** An offer with the usual members; {@code group} may be null. */
    public Yml offer(String id, String group, String name, String price, boolean available) {
        return raw("<offer id=\"" + id + "\"" + (group == null ? "" : " group_id=\"" + group + "\"") + " available=\""
                + available + "\"><url>https://shop.example/p/" + id + "</url><price>" + price + "</price>"
                + "<currencyId>RUB</currencyId><categoryId>10</categoryId><picture>https://shop.example/i/" + id + ".jpg</picture>"
                + "<name>" + name + "</name><vendor>Acme</vendor><vendorCode>AC-" + id + "</vendorCode>"
                + "<description><![CDATA[<p>" + name + " & more</p>]]></description>"
                + "<param name=\"Colour\">red</param><param name=\"Size\" unit=\"EU\">42</param></offer>");
    }

    public Yml raw(String offerXml) {
        offers.add(offerXml);
        return this;
    }

    public String xml() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<yml_catalog date=\"2026-11-22 10:00\"><shop><name>Acme</name>"
                + "<company>Acme Ltd</company><url>https://shop.example</url>"
                + "<currencies><currency id=\"RUB\" rate=\"1\"/></currencies>"
                + "<categories><category id=\"10\">Shoes</category><category id=\"11\" parentId=\"10\">Boots</category></categories>"
                + "<offers>" + String.join("\n", offers) + "</offers></shop></yml_catalog>";
    }
}
