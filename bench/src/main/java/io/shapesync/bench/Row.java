package io.shapesync.bench;

import io.shapesync.shapes.where.RowValues;
import java.util.function.Function;

/** A changed row with one column, {@code id}: column text for the index, slot 0 for the filters. */
final class Row implements Function<String, String>, RowValues {
    private final String id;

    Row(String id) {
        this.id = id;
    }

    @Override
    public String apply(String column) {
        return "id".equals(column) ? id : null;
    }

    @Override
    public String text(int slot) {
        return slot == 0 ? id : null;
    }
}
