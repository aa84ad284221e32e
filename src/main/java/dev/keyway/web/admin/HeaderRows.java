package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom connection's header rows, as the form posts them: {@code h<i>-name}, {@code h<i>-value} (write-only),
 * {@code h<i>-stored} (the stored header the row shows, if any) and {@code h<i>-remove}. A row whose value is
 * left empty keeps the stored value; a stored header goes away only when its Remove box is ticked; a row with
 * neither name nor value is a spare and ignored. Stored values come in decrypted and never leave this class.
 */
final class HeaderRows {
    static final int MAX_ROWS = 40;
    static final int SPARE_NEW = 3;
    static final int SPARE_EDIT = 2;

    private HeaderRows() {
    }

    /** The headers the connection should hold after this post, or a refusal naming the row ({@code h<i>}). */
    static Map<String, String> merge(Form f, Map<String, String> stored) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CredentialFormView.HeaderRow r : rows(f)) {
            String value = f.get(r.key() + "-value");
            if (r.remove()) {
                continue;
            }
            if (r.name().isBlank()) {
                if (!r.stored().isEmpty()) {
                    throw Problem.invalid(r.key(), "required", "a header needs a name; tick Remove to drop it");
                }
                if (!value.isEmpty()) {
                    throw Problem.invalid(r.key(), "required", "type the name of this header");
                }
                continue;
            }
            if (out.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(r.name()))) {
                throw Problem.invalid(r.key(), "duplicate", "the header " + r.name() + " appears twice");
            }
            if (value.isEmpty()) {
                value = r.stored().isEmpty() ? null : stored.get(r.stored());
                if (value == null) {
                    throw Problem.invalid(r.key(), "required", "type a value for the header " + r.name());
                }
            }
            out.put(r.name(), value);
        }
        if (out.isEmpty()) {
            throw Problem.invalid("headers", "required", "add at least one header");
        }
        return out;
    }

    static ObjectNode json(ObjectMapper json, Map<String, String> headers) {
        ObjectNode n = json.createObjectNode();
        headers.forEach(n::put);
        return n;
    }

    /** The rows as posted (names and Remove boxes kept, values dropped), with at least one spare. */
    static List<CredentialFormView.HeaderRow> rows(Form f) {
        List<CredentialFormView.HeaderRow> out = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS; i++) {
            String key = "h" + i;
            if (f.has(key + "-name") || f.has(key + "-stored")) {
                out.add(new CredentialFormView.HeaderRow(i, f.get(key + "-name").strip(), f.get(key + "-stored"),
                        f.has(key + "-remove")));
            }
        }
        boolean spare = out.stream().anyMatch(r -> r.name().isEmpty() && r.stored().isEmpty());
        return spare ? out : withSpares(out, 1);
    }

    /** The stored header names (each marked "set"), then empty rows. */
    static List<CredentialFormView.HeaderRow> of(List<String> names, int spares) {
        List<CredentialFormView.HeaderRow> out = new ArrayList<>();
        for (String name : names) {
            out.add(new CredentialFormView.HeaderRow(out.size(), name, name, false));
        }
        return withSpares(out, spares);
    }

    private static List<CredentialFormView.HeaderRow> withSpares(List<CredentialFormView.HeaderRow> rows, int spares) {
        List<CredentialFormView.HeaderRow> out = new ArrayList<>(rows);
        int next = rows.stream().mapToInt(CredentialFormView.HeaderRow::index).max().orElse(-1) + 1;
        for (int i = 0; i < spares && next + i < MAX_ROWS; i++) {
            out.add(new CredentialFormView.HeaderRow(next + i, "", "", false));
        }
        return out;
    }
}
