package org.segprune.testutil;

import java.util.ArrayList;
import java.util.List;
import org.segprune.util.Progress;

/** A progress that reports nowhere, is never cancelled and keeps the warnings it is given. */
public final class RecordedWarnings implements Progress {

    public final List<String> messages = new ArrayList<>();

    @Override
    public void report(double fraction, String message) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void warn(String message) {
        messages.add(message);
    }
}
