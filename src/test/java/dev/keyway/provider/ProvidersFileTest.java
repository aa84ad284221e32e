package dev.keyway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** providers.yaml: every entry valid against providers.schema.json, plus the rules a schema cannot say. */
class ProvidersFileTest {
    private static final List<Provider> ALL = Providers.bundled().list();

    @Test
    void everyPresetMatchesTheSchema() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(resource("/providers.schema.json"), InputFormat.JSON);
        var errors = schema.validate(resource("/providers.yaml"), InputFormat.YAML);
        assertThat(errors).as("schema errors").isEmpty();
    }

    @Test
    void theSchemaRefusesAPresetWithoutDocsOrWithAnHttpUrl() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(resource("/providers.schema.json"), InputFormat.JSON);
        String bad = """
                providers:
                  - id: acme
                    name: Acme
                    docs: []
                    authorizationUrl: http://acme.example/authorize
                    tokenUrl: https://acme.example/token
                    scopes: []
                    scopeSeparator: ";"
                    clientAuthentication: client_secret_basic
                    pkce: supported
                    tokenExpiredStatuses: [401]
                """;
        assertThat(schema.validate(bad, InputFormat.YAML)).extracting(e -> e.getInstanceLocation().toString())
                .anySatisfy(l -> assertThat(l).contains("docs"))
                .anySatisfy(l -> assertThat(l).contains("authorizationUrl"))
                .anySatisfy(l -> assertThat(l).contains("scopeSeparator"));
    }

    @Test
    void atLeastThirtyPresetsWithUniqueIdsAndNames() {
        assertThat(ALL).hasSizeGreaterThanOrEqualTo(30);
        assertThat(ALL).extracting(Provider::id).doesNotHaveDuplicates();
        assertThat(ALL).extracting(p -> p.name().toLowerCase(Locale.ROOT)).doesNotHaveDuplicates();
    }

    @Test
    void everyUrlIsAbsoluteHttpsWithAHostAndNoQueryOnceInterpolatedWithTheExamples() {
        for (Provider p : ALL) {
            var examples = new java.util.HashMap<String, String>();
            p.variables().forEach(v -> examples.put(v.name(), v.example()));
            List<String> urls = new ArrayList<>(p.urlTemplates().values());
            urls.addAll(p.docs());
            for (String template : urls) {
                URI uri = URI.create(Interpolation.apply(template, examples));
                assertThat(uri.getScheme()).as(p.id() + " " + template).isEqualTo("https");
                assertThat(uri.getHost()).as(p.id() + " " + template).isNotBlank();
                assertThat(uri.getRawUserInfo()).as(p.id() + " " + template).isNull();
                assertThat(uri.getRawFragment()).as(p.id() + " " + template).isNull();
                if (!p.docs().contains(template)) {
                    assertThat(uri.getRawQuery()).as(p.id() + " " + template).isNull();
                }
            }
        }
    }

    @Test
    void everyVariableUsedIsDeclaredWithALabelAndEveryDeclaredOneIsUsed() {
        for (Provider p : ALL) {
            Set<String> used = new HashSet<>();
            p.urlTemplates().values().forEach(t -> used.addAll(Interpolation.names(t)));
            Set<String> declared = new HashSet<>();
            p.variables().forEach(v -> {
                declared.add(v.name());
                assertThat(v.label()).as(p.id() + " " + v.name()).isNotBlank();
            });
            assertThat(declared).as(p.id()).isEqualTo(used);
        }
    }

    @Test
    void everyVariablePatternAcceptsItsExampleAndRefusesWhatCouldChangeTheUrlsShape() {
        List<String> hostile = List.of("evil.com/", "a/b", "a?x=1", "a#b", "x@evil.com", "a:8080", "a b", "%2e%2e", "..", "");
        for (Provider p : ALL) {
            for (Variable v : p.variables()) {
                assertThat(v.accepts(v.example())).as(p.id() + " " + v.name() + " example").isTrue();
                Pattern.compile(v.pattern());
                for (String h : hostile) {
                    assertThat(v.accepts(h)).as(p.id() + " " + v.name() + " accepts '" + h + "'").isFalse();
                }
            }
        }
    }

    @Test
    void scopesSeparatorsAndStatusesAreUsable() {
        for (Provider p : ALL) {
            assertThat(p.scopeSeparator()).as(p.id()).isIn(" ", ",");
            assertThat(p.knownScopes()).as(p.id() + " default scopes are known ones").containsAll(
                    p.knownScopes().isEmpty() ? List.of() : p.scopes());
            assertThat(p.tokenExpiredStatuses()).as(p.id()).isNotEmpty();
            assertThat(p.docs()).as(p.id()).isNotEmpty();
            if (!p.pkceOn() || "client_secret_basic".equals(p.clientAuthentication())
                    || "client_secret_post".equals(p.clientAuthentication())) {
                continue;
            }
            assertThat(p.pkce()).as(p.id() + ": a public client needs PKCE").isIn("supported", "required");
        }
    }

    /**
     * Provider quirks are data: no preset id or display name in a string literal of Java code (where a quirk would
     * be tested: {@code "slack".equals(...)}, a host name), and no distinctive display name (six letters or more) in
     * its identifiers. Comments (which may explain a quirk with an example) and library package names
     * (com.google..., com.github...) are not code about a provider.
     */
    @Test
    void noProviderIsNamedInJavaCode() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                hits.addAll(namedIn(f.toString(), Files.readString(f)));
            }
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void theScanFindsAProviderNamedInCodeButNotInCommentsOrLibraryPackages() {
        assertThat(namedIn("X.java", """
                import com.google.crypto.tink.Aead; // Slack does this
                class X { boolean quirk(String p) { return p.equals("slack"); } }
                """)).containsExactly("X.java: \"slack\"");
        assertThat(namedIn("Y.java", "class Y { void callSalesforce() { } }")).containsExactly("Y.java: Salesforce");
        assertThat(namedIn("Z.java", "/** GitHub sends a form. */ class Z { SecretBox box; int x; }")).isEmpty();
        assertThat(namedIn("U.java", "class U { String a = \"e.g. https://login.example.com\"; String b = \"https://slack.com/api\"; }"))
                .as("a // inside a string is no comment").containsExactly("U.java: \"https://slack.com/api\"");
    }

    /** Hits of preset ids or names in the code of one source file. */
    static List<String> namedIn(String file, String source) {
        String code = withoutComments(source)
                .replaceAll("(?m)^\\s*(package|import)\\s.*$", " ")
                .replaceAll("\\b(com|org|io|net|dev)\\.[A-Za-z0-9_.]+", " ")
                .replace("\"metadata.google.internal\"", " "); // the egress guard's cloud metadata host
        List<String> hits = new ArrayList<>();
        Matcher literal = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"").matcher(code);
        while (literal.find()) {
            for (Provider p : ALL) {
                for (String w : List.of(p.id(), p.name().split("[ (]")[0])) {
                    boolean named = w.length() <= 2 // a one-letter id ("x") only as a whole literal, not in "http://x/"
                            ? literal.group().equalsIgnoreCase("\"" + w + "\"")
                            : Pattern.compile("(?<![\\w-])" + Pattern.quote(w) + "(?![\\w-])", Pattern.CASE_INSENSITIVE)
                                    .matcher(literal.group()).find();
                    if (named) {
                        hits.add(file + ": " + literal.group());
                    }
                }
            }
        }
        String outside = literal.replaceAll(" ");
        for (Provider p : ALL) {
            String first = p.name().split("[ (]")[0];
            if (first.length() >= 6 && Pattern.compile(Pattern.quote(first), Pattern.CASE_INSENSITIVE).matcher(outside).find()) {
                hits.add(file + ": " + first);
            }
        }
        return hits.stream().distinct().toList();
    }

    /** Java source without its comments; string and character literals (text blocks too) are kept whole. */
    static String withoutComments(String src) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < src.length()) {
            if (src.startsWith("//", i)) {
                i = src.indexOf('\n', i) < 0 ? src.length() : src.indexOf('\n', i);
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? src.length() : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? src.length() : end + 3;
                out.append('"').append(src.substring(i + 3, Math.max(i + 3, end - 3)).replace('"', '\'')).append('"');
                i = end;
            } else if (src.charAt(i) == '"' || src.charAt(i) == '\'') {
                char quote = src.charAt(i);
                int j = i + 1;
                while (j < src.length() && src.charAt(j) != quote) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(src, i, Math.min(j + 1, src.length()));
                i = j + 1;
            } else {
                out.append(src.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ProvidersFileTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
