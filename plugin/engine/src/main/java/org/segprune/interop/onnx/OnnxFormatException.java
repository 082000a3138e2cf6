package org.segprune.interop.onnx;

import org.segprune.util.SegPruneException;

/** What is wrong with an ONNX file, without the file name (the importer adds it). */
public class OnnxFormatException extends SegPruneException {

    private static final long serialVersionUID = 1L;

    OnnxFormatException(String message) {
        super(message);
    }
}
