package org.segprune.step;

/**
 * What a setting holds and how a dialog shows it. Text, file, folder, choice and column settings are
 * stored as strings; the others as the number or boolean they are.
 */
public enum SettingKind {
    /** Free text. */
    TEXT,
    /** A file path. */
    FILE,
    /** A folder path. */
    FOLDER,
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
        return this == FILE || this == FOLDER;
    }

    /** Whether the value is stored as a string. */
    public boolean isString() {
        return this == TEXT || this == FILE || this == FOLDER || this == CHOICE || this == COLUMN;
    }
}
