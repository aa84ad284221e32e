package dev.keyway.provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The presets of {@code providers.yaml}, loaded once; the same for every account. */
public final class Providers {
    public static final String RESOURCE = "/providers.yaml";

    private record File(List<Provider> providers) { }

    private final Map<String, Provider> byId;
    private final List<Provider> ordered;

    public Providers(List<Provider> providers) {
        Map<String, Provider> m = new LinkedHashMap<>();
        for (Provider p : providers) {
            if (m.put(p.id(), p) != null) {
                throw new IllegalArgumentException("provider id " + p.id() + " appears twice");
            }
        }
        this.byId = Map.copyOf(m);
        this.ordered = List.copyOf(m.values());
    }

    /** The presets shipped in the jar. */
    public static Providers bundled() {
        try (InputStream in = Providers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            return new Providers(yaml.readValue(in, File.class).providers());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<Provider> list() {
        return ordered;
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }
}
