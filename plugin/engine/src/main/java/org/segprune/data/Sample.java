package org.segprune.data;

import java.nio.file.Path;

/** One image and its mask, paired by file stem. */
public record Sample(String stem, Path image, Path mask) {
}
