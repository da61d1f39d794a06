package io.shapesync.shapes.where;

/** The non-finite numeric values (Postgres 14+): NaN sorts above +Infinity. */
enum NumSpecial {
    NEG_INF("-Infinity"), POS_INF("Infinity"), NAN("NaN");

    private final String text;

    NumSpecial(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
