package org.knime.core.node.port;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Wrappers that turn {@code close()} into "close the current zip entry", so that XML readers/writers (which close
 * their stream) can work on one entry of a zip stream. KNIME uses NonClosableInputStream.Zip / OutputStream.Zip.
 * Not API.
 */
final class EntryStreams {

    private EntryStreams() {
    }

    static InputStream entryInput(final ZipInputStream zipIn) {
        return new FilterInputStream(zipIn) {
            @Override
            public void close() throws IOException {
                zipIn.closeEntry();
            }
        };
    }

    static OutputStream entryOutput(final ZipOutputStream zipOut) {
        return new FilterOutputStream(zipOut) {
            @Override
            public void write(final byte[] b, final int off, final int len) throws IOException {
                zipOut.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                zipOut.flush();
                zipOut.closeEntry();
            }
        };
    }

    /** An output stream whose close() only flushes (to nest a zip stream in another one's entry). */
    static OutputStream shielded(final OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(final byte[] b, final int off, final int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** An input stream whose close() does nothing. */
    static InputStream shielded(final InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // keep the outer stream open
            }
        };
    }
}
