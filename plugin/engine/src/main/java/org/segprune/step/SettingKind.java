package org.segprune.step;

/**
 * What a setting holds and how a dialog shows it. Text, file, folder, choice and column settings are
 * stored as strings; the others as the number or boolean they are.
 */
public enum SettingKind {
    /** Free text. */
    TEXT,
    /** A file to read: a path or URL (resolved before a step sees it), checked to exist when the node is configured. */
    FILE,
    /** A folder to read, as {@link #FILE}. */
    FOLDER,
    /** A file to write: a path or URL whose folder must exist or be creatable when the node is configured. */
    OUTPUT_FILE,
    /** A folder to write into, created if missing: as {@link #OUTPUT_FILE}. */
    OUTPUT_FOLDER,
    /** One of a fixed list of strings. */
    CHOICE,
    /** The name of a column of an input table. */
    COLUMN,
    /** A whole number (Java int); seeds too (KNIME's number dialog component handles int and double only). */
    INT,
    /** A real number. */
    DOUBLE,
    /** true or false. */
    BOOLEAN;

    /** Whether the value names a file or folder (a path or URL that is resolved before a step sees it). */
    public boolean isLocation() {
        return this == FILE || this == FOLDER || this == OUTPUT_FILE || this == OUTPUT_FOLDER;
    }

    /** Whether the location is a folder (the dialog offers a folder chooser). */
    public boolean isFolder() {
        return this == FOLDER || this == OUTPUT_FOLDER;
    }

    /** Whether the step writes to the location (rather than reads it). */
    public boolean isOutput() {
        return this == OUTPUT_FILE || this == OUTPUT_FOLDER;
    }

    /** Whether the value is stored as a string. */
    public boolean isString() {
        return this == TEXT || isLocation() || this == CHOICE || this == COLUMN;
    }
}
