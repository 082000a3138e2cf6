package org.segprune.workflow;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.segprune.step.SettingDef;
import org.segprune.step.SettingsSchema;
import org.segprune.util.SegPruneException;

/**
 * Turns what a user typed into a file or folder setting into a local path, outside KNIME, the way KNIME's
 * own URL resolution does inside it: a local path (absolute, or relative to the workflow folder),
 * {@code knime://knime.workflow/...} (relative to the workflow folder; {@code ..} may leave the workflow but not
 * the mountpoint), {@code knime://knime.mountpoint/...} (relative to the mountpoint root, which it may not leave)
 * and {@code file:} URLs. The path of a URL is percent-decoded as KNIME 5.x decodes it (AP-17103: java.net.URI's
 * decoding; a path that is not valid URI syntax counts as decoded already). Anything else (other mountpoints, {@code knime.node},
 * http) is an error naming the URL: it needs KNIME.
 */
public final class LocationResolver {

    public static final String WORKFLOW_HOST = "knime.workflow";
    public static final String MOUNTPOINT_HOST = "knime.mountpoint";

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");
    private static final boolean ON_WINDOWS = java.io.File.separatorChar == '\\';

    private final Path workflowFolder;
    private final Path mountpointRoot;

    private LocationResolver(Path workflowFolder, Path mountpointRoot) {
        this.workflowFolder = workflowFolder == null ? null : workflowFolder.toAbsolutePath().normalize();
        this.mountpointRoot = mountpointRoot == null ? null : mountpointRoot.toAbsolutePath().normalize();
    }

    /**
     * Resolution inside a workflow folder.
     *
     * @param mountpointRoot the folder {@code knime://knime.mountpoint/} stands for; null: the workflow folder's parent
     *                       (where KNIME's local workspace keeps a workflow saved at its top level)
     */
    public static LocationResolver forWorkflow(Path workflowFolder, Path mountpointRoot) {
        Path folder = workflowFolder.toAbsolutePath().normalize();
        Path root = mountpointRoot != null ? mountpointRoot : folder.getParent() != null ? folder.getParent() : folder;
        if (!folder.startsWith(root.toAbsolutePath().normalize())) {
            throw new SegPruneException("the mountpoint root '" + root + "' does not contain the workflow folder '" + folder
                    + "'");
        }
        return new LocationResolver(folder, root);
    }

    /** Resolution with no workflow (a command-line option): relative paths against the working directory, no knime:// URLs. */
    public static LocationResolver withoutWorkflow() {
        return new LocationResolver(null, null);
    }

    /**
     * The local path {@code location} stands for (absolute when a workflow is known).
     *
     * @throws SegPruneException naming the location and why it cannot be resolved
     */
    public Path resolve(String location) {
        String text = location.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("knime:")) {
            return resolveKnimeUrl(text);
        }
        if (lower.startsWith("file:")) {
            return resolveFileUrl(text);
        }
        rejectForeignWindowsPath(text);
        if (text.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
            throw new SegPruneException("'" + text + "': URLs of scheme '" + text.substring(0, text.indexOf(':'))
                    + "' are not supported outside KNIME; use a local path, a file: URL or a knime:// URL of "
                    + WORKFLOW_HOST + " or " + MOUNTPOINT_HOST);
        }
        Path path = localPath(text, text);
        if (path.isAbsolute() || workflowFolder == null) {
            return path.normalize();
        }
        return workflowFolder.resolve(path).normalize();
    }

    /** Whether {@code location} is a URL (a scheme of two or more letters, then a colon) rather than a local path. */
    public static boolean isUrl(String location) {
        return location.trim().matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    }

    /**
     * Rejects a Windows path (drive letter) on another system with a message saying what to give instead, rather than
     * letting it pass as an odd relative file name.
     */
    public static void rejectForeignWindowsPath(String location) {
        String text = location.trim();
        if (!ON_WINDOWS && WINDOWS_DRIVE.matcher(text).matches()) {
            throw new SegPruneException("'" + text + "' is a Windows path; on this machine give a local path, a file: URL "
                    + "or a knime://knime.workflow/ URL");
        }
    }

    /**
     * {@code raw} with every file and folder setting that applies resolved to a local path; empty values stay empty
     * (the step's own check asks the user to choose one).
     *
     * @throws SegPruneException naming the setting and the value it could not resolve
     */
    public Map<String, String> resolveSettings(SettingsSchema schema, Map<String, String> raw) {
        Map<String, String> withDefaults = new LinkedHashMap<>(schema.defaults());
        withDefaults.putAll(raw);
        Map<String, String> resolved = new LinkedHashMap<>(raw);
        for (SettingDef def : schema.defs()) {
            String value = withDefaults.get(def.key());
            if (!def.kind().isLocation() || value == null || value.isBlank() || !def.appliesTo(withDefaults)) {
                continue;
            }
            try {
                resolved.put(def.key(), resolve(value).toString());
            } catch (SegPruneException e) {
                throw new SegPruneException(def.describe() + ": " + e.getMessage(), e);
            }
        }
        return resolved;
    }

    /**
     * What configure can check of resolved locations that apply: a file or folder to read exists and is one; a file or
     * folder to write is not the other kind and can be created (its nearest existing ancestor is a writable folder).
     *
     * @param original the values as the user gave them (for the message), by key
     * @param resolved the same values resolved to local paths, by key
     * @throws SegPruneException naming the setting, the value as given and the path it stands for
     */
    public static void checkLocations(SettingsSchema schema, Map<String, String> original, Map<String, String> resolved) {
        Map<String, String> withDefaults = new LinkedHashMap<>(schema.defaults());
        withDefaults.putAll(original);
        for (SettingDef def : schema.defs()) {
            String value = resolved.get(def.key());
            if (!def.kind().isLocation() || value == null || value.isBlank() || !def.appliesTo(withDefaults)) {
                continue;
            }
            String given = withDefaults.get(def.key()).trim();
            Path path = Path.of(value);
            String shown = "'" + given + "'" + (given.equals(value) ? "" : " (" + value + ")");
            String problem = problem(def, path);
            if (problem != null) {
                throw new SegPruneException(def.describe() + ": " + shown + " " + problem);
            }
        }
    }

    private static String problem(SettingDef def, Path path) {
        boolean folder = def.kind().isFolder();
        if (!def.kind().isOutput()) {
            if (!Files.exists(path)) {
                return "does not exist";
            }
            return folder == Files.isDirectory(path) ? null : folder ? "is a file, not a folder" : "is a folder, not a file";
        }
        if (Files.exists(path)) {
            return folder == Files.isDirectory(path) ? null : folder ? "is a file, not a folder" : "is a folder, not a file";
        }
        Path ancestor = path.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            return "cannot be created: '" + ancestor + "' is not a folder";
        }
        return Files.isWritable(ancestor) ? null : "cannot be created: the folder '" + ancestor + "' is not writable";
    }

    private Path resolveKnimeUrl(String url) {
        String rest = url.substring("knime:".length()).replace('\\', '/');
        if (!rest.startsWith("//")) {
            throw new SegPruneException("'" + url + "' is not a knime:// URL (knime://" + WORKFLOW_HOST + "/... or knime://"
                    + MOUNTPOINT_HOST + "/...)");
        }
        rest = rest.substring(2);
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        String path = decode(stripQuery(slash < 0 ? "" : rest.substring(slash + 1)));
        if (host.equalsIgnoreCase(WORKFLOW_HOST)) {
            if (workflowFolder == null) {
                throw new SegPruneException("'" + url + "' is relative to a workflow, and there is none here: give a local "
                        + "path or a file: URL");
            }
            Path resolved = workflowFolder.resolve(localPath(path, url)).normalize();
            if (!resolved.startsWith(mountpointRoot)) {
                throw new SegPruneException("'" + url + "' leaves the mountpoint: " + resolved + " is not in " + mountpointRoot
                        + " (segprune run --mountpoint-root sets it)");
            }
            return resolved;
        }
        if (host.equalsIgnoreCase(MOUNTPOINT_HOST)) {
            if (mountpointRoot == null) {
                throw new SegPruneException("'" + url + "' is relative to a mountpoint, and there is none here: give a local "
                        + "path or a file: URL");
            }
            Path resolved = mountpointRoot.resolve(localPath(path, url)).normalize();
            if (!resolved.startsWith(mountpointRoot)) {
                throw new SegPruneException("'" + url + "' leaves the mountpoint: " + resolved + " is not in " + mountpointRoot);
            }
            return resolved;
        }
        throw new SegPruneException("'" + url + "' names the mountpoint or location '" + host + "', which only KNIME knows; "
                + "outside KNIME use knime://" + WORKFLOW_HOST + "/... or knime://" + MOUNTPOINT_HOST + "/... (segprune run "
                + "--mountpoint-root sets the mountpoint's folder)");
    }

    private static Path resolveFileUrl(String url) {
        String rest = url.substring("file:".length()).replace('\\', '/');
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            String host = slash < 0 ? rest : rest.substring(0, slash);
            if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                throw new SegPruneException("'" + url + "' names the host '" + host + "'; only local file: URLs are supported");
            }
            rest = slash < 0 ? "/" : rest.substring(slash);
        }
        String path = decode(stripQuery(rest));
        if (WINDOWS_DRIVE.matcher(path.startsWith("/") ? path.substring(1) : path).matches()) {
            if (!ON_WINDOWS) {
                throw new SegPruneException("'" + url + "' is a Windows path; on this machine give a local path, a file: URL "
                        + "or a knime://knime.workflow/ URL");
            }
            path = path.substring(1);
        }
        Path resolved = localPath(path, url);
        if (!resolved.isAbsolute()) {
            throw new SegPruneException("'" + url + "' is not an absolute file: URL (file:///folder/file)");
        }
        return resolved.normalize();
    }

    private static String stripQuery(String path) {
        int cut = path.indexOf('?');
        int hash = path.indexOf('#');
        if (hash >= 0 && (cut < 0 || hash < cut)) {
            cut = hash;
        }
        return cut < 0 ? path : path.substring(0, cut);
    }

    /**
     * The path part decoded as KNIME decodes it (java.net.URI, so a {@code +} stays a plus); a path that is not valid
     * URI syntax (a raw space, a stray {@code %}) is taken as already decoded, as KNIME takes it.
     */
    private static String decode(String path) {
        try {
            return new URI("knime://host/" + path).getPath().substring(1);
        } catch (URISyntaxException e) {
            return path;
        }
    }

    private static Path localPath(String path, String original) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new SegPruneException("'" + original + "' is not a valid path here: " + e.getReason());
        }
    }
}
