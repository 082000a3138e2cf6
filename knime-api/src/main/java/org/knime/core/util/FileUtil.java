package org.knime.core.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Subset of KNIME's file utilities (bundle org.knime.core): turning a path or URL typed into a setting into a
 * {@link URL}, and a URL into a local {@link Path}, {@code knime://} URLs included. Signatures as in knime-core
 * (org.knime.core/src/eclipse/org/knime/core/util/FileUtil.java, tag analytics-platform/5.5.0 and master).
 *
 * <p>Subset behaviour: in KNIME the {@code knime} protocol is a registered URL handler that resolves against the
 * executing node's workflow context; here {@code knime://} URLs resolve against the location a test opens with
 * {@code org.segprune.knimetest.TestWorkflowContexts} (through two system properties), with KNIME's rules
 * (workflow-relative URLs may leave the workflow but not the mountpoint; paths decoded by java.net.URI, invalid syntax
 * taken as decoded).
 */
public final class FileUtil {

    private static final URLStreamHandler KNIME_PROTOCOL = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(final URL u) throws IOException {
            throw new IOException("not available in the compile-only KNIME API subset");
        }
    };

    private FileUtil() {
    }

    /**
     * Tries to convert the given path into a URL. Either the path is already a valid URL or it denotes a local file
     * and is then converted into a file URL.
     *
     * @param path any path
     * @return a URL
     * @throws MalformedURLException if the path is neither a URL nor a proper filesystem path
     * @throws InvalidPathException if the parameter looks like a file system path but is invalid
     */
    public static URL toURL(final String path) throws MalformedURLException, InvalidPathException {
        if (path.isEmpty()) {
            throw new InvalidPathException("", "Empty path");
        }
        try {
            String spec = path.replace(" ", "%20"); // replacement of spaces is a fallback only
            return spec.regionMatches(true, 0, "knime:", 0, 6) ? new URL(null, spec, KNIME_PROTOCOL) : new URL(spec);
        } catch (MalformedURLException ex) {
            return Paths.get(path).toAbsolutePath().toUri().toURL();
        }
    }

    /**
     * Tries to resolve the given URL into a local path. The method can handle all URLs that are backed by local files
     * especially the 'knime' protocol. If the URL does not denote a local path, <code>null</code> is returned.
     *
     * @param url any URL
     * @return the path or <code>null</code>
     * @throws IOException if an I/O error occurs while resolving the URL
     * @throws URISyntaxException if the passed URL does not conform with RFC2396 for URIs
     */
    public static Path resolveToPath(final URL url) throws IOException, URISyntaxException {
        if ("knime".equalsIgnoreCase(url.getProtocol())) {
            return resolveKnimeUrl(url);
        }
        if (!"file".equalsIgnoreCase(url.getProtocol())) {
            return null;
        }
        if (url.getPath().contains(" ")) {
            // fix non-encoded URL path
            return Paths.get(new URL(url.toString().replace(" ", "%20")).toURI());
        }
        return Paths.get(url.toURI());
    }

    private static Path resolveKnimeUrl(final URL url) throws IOException {
        // set by org.segprune.knimetest.TestWorkflowContexts (named here only, so the subset needs no class of it)
        String workflow = System.getProperty("org.segprune.knimetest.workflowFolder");
        String mountpoint = System.getProperty("org.segprune.knimetest.mountpointRoot");
        if (workflow == null || mountpoint == null) {
            throw new IOException("No context for relative URL available: " + url);
        }
        String decodedPath;
        try {
            decodedPath = url.toURI().getPath();
        } catch (URISyntaxException e) {
            decodedPath = url.getPath(); // not valid URI syntax: taken as decoded already
        }
        String relative = decodedPath.startsWith("/") ? decodedPath.substring(1) : decodedPath;
        Path root = Paths.get(mountpoint);
        String host = url.getHost();
        Path resolved;
        if ("knime.workflow".equals(host)) {
            resolved = Paths.get(workflow).resolve(relative).normalize();
            if (!resolved.startsWith(root)) {
                throw new IOException("Leaving the mount point is not allowed for workflow relative URLs: " + resolved
                    + " is not in " + root);
            }
        } else if ("knime.mountpoint".equals(host)) {
            resolved = root.resolve(relative).normalize();
            if (!resolved.startsWith(root)) {
                throw new IOException("Leaving the mount point is not allowed for mount point relative URLs: " + resolved
                    + " is not in " + root);
            }
        } else {
            throw new IOException("Unknown Mount point: " + host);
        }
        return resolved;
    }
}
