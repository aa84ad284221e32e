package dev.keyway.apicall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the service answered: status, headers (lower-case names, each a list of values), the body —
 * parsed when it is JSON, text when it is UTF-8 text, otherwise base64 with {@code bodyEncoding}
 * "base64" — and how long the call took, retry included.
 */
public record CallResult(int status, Map<String, List<String>> headers, JsonNode body, String bodyEncoding, long durationMs) {

    static CallResult of(int status, Map<String, List<String>> headers, byte[] body, String contentType,
                         long durationMs, ObjectMapper json) {
        Map<String, List<String>> sorted = new TreeMap<>();
        headers.forEach((k, v) -> sorted.put(HeaderRules.lower(k), v));
        if (body.length == 0) {
            return new CallResult(status, sorted, null, null, durationMs);
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            try {
                return new CallResult(status, sorted, json.readTree(body), null, durationMs);
            } catch (java.io.IOException notJson) {
                // falls through to text
            }
        }
        String text = utf8(body);
        if (text != null && (type.isEmpty() || textual(type))) {
            return new CallResult(status, sorted, TextNode.valueOf(text), null, durationMs);
        }
        return new CallResult(status, sorted, TextNode.valueOf(Base64.getEncoder().encodeToString(body)), "base64", durationMs);
    }

    private static boolean textual(String type) {
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
                || type.contains("x-www-form-urlencoded") || type.contains("charset=");
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }
}
