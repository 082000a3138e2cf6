package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** Zip stream handed to serializers; instances come from {@link PortUtil} (the constructor is package-private). */
public class PortObjectZipInputStream extends ZipInputStream {

    PortObjectZipInputStream(final InputStream in) {
        super(in);
    }
}
