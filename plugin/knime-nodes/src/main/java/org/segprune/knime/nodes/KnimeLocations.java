package org.segprune.knime.nodes;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;
import org.segprune.step.SettingDef;
import org.segprune.step.SettingsSchema;
import org.segprune.util.SegPruneException;
import org.segprune.workflow.LocationResolver;

/**
 * File and folder settings resolved through KNIME's own URL resolution ({@link FileUtil#toURL(String)},
 * {@link FileUtil#resolveToPath(URL)}), so that {@code knime://knime.workflow/}, {@code knime://knime.mountpoint/},
 * other mountpoints KNIME knows and {@code file:} URLs work as in KNIME's own nodes. A relative local path is read as
 * relative to the workflow (a {@code knime://knime.workflow/} URL), as {@code segprune run} reads it.
 */
final class KnimeLocations {

    private KnimeLocations() {
    }

    /**
     * @return {@code values} with every file or folder setting that applies resolved to a local path; empty ones stay
     * @throws InvalidSettingsException naming the setting and the value that could not be resolved
     */
    static Map<String, String> resolve(final SettingsSchema schema, final Map<String, String> values)
        throws InvalidSettingsException {
        Map<String, String> resolved = new LinkedHashMap<>(values);
        for (SettingDef def : schema.defs()) {
            String value = values.get(def.key());
            if (!def.kind().isLocation() || value == null || value.isBlank() || !def.appliesTo(values)) {
                continue;
            }
            try {
                resolved.put(def.key(), resolve(value.trim()).toString());
            } catch (SegPruneException e) {
                throw new InvalidSettingsException(def.describe() + ": " + e.getMessage(), e);
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                // IllegalArgumentException: an invalid path (InvalidPathException) or a file: URL with a host
                throw new InvalidSettingsException(
                    def.describe() + ": '" + value.trim() + "' cannot be resolved: " + e.getMessage(), e);
            }
        }
        return resolved;
    }

    /** The local path of one location. */
    static Path resolve(final String location) throws IOException, URISyntaxException {
        LocationResolver.rejectForeignWindowsPath(location);
        String spec = location;
        if (!LocationResolver.isUrl(location) && !Path.of(location).isAbsolute()) {
            // encoded as a URI path (a space as %20, a plus kept), which KNIME decodes back to the name
            spec = "knime://" + LocationResolver.WORKFLOW_HOST
                + new URI(null, null, "/" + location.replace('\\', '/'), null).getRawPath();
        }
        URL url = FileUtil.toURL(spec);
        Path path = FileUtil.resolveToPath(url);
        if (path == null) {
            throw new IOException("'" + url + "' is not a local file or folder");
        }
        return path;
    }
}
