package io.shapesync.shapes.where.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Postgres' {@code ParseDateTime}: splits date/time/interval text into typed fields. */
final class DateTimeTokenizer {
    /** Field types as in Postgres (DTK_NUMBER, DTK_DATE, ...). */
    enum Type { NUMBER, DATE, TIME, TZ, STRING, SPECIAL }

    /** One field. */
    record Field(String text, Type type) {
    }

    static final int MAX_FIELDS = 25;

    /** The core date token table's keywords (datetktbl), which stop an alphabetic field before digits. */
    private static final Set<String> DATE_KEYWORDS = Set.of("-infinity", "ad", "allballs", "am", "apr", "april", "at",
        "aug", "august", "bc", "d", "dec", "december", "dow", "doy", "dst", "epoch", "feb", "february", "fri", "friday",
        "h", "infinity", "isodow", "isoyear", "j", "jan", "january", "jd", "jul", "julian", "july", "jun", "june", "m",
        "mar", "march", "may", "mm", "mon", "monday", "nov", "november", "now", "oct", "october", "on", "pm", "s",
        "sat", "saturday", "sep", "sept", "september", "sun", "sunday", "t", "thu", "thur", "thurs", "thursday",
        "today", "tomorrow", "tue", "tues", "tuesday", "wed", "wednesday", "weds", "y", "yesterday");

    private final String s;
    private int cp;
    private final StringBuilder buf = new StringBuilder();

    private DateTimeTokenizer(String s) {
        this.s = s;
    }

    /** The fields, or null where Postgres reports a bad format. */
    static List<Field> tokenize(String text) {
        return new DateTimeTokenizer(text).run();
    }

    private char at(int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isAlpha(c) || DateTimeParser.isDigit(c);
    }

    private static boolean isPunct(char c) {
        return c > 32 && c < 127 && !isAlnum(c);
    }

    private void take() {
        buf.append(Character.toLowerCase(s.charAt(cp++)));
    }

    private List<Field> run() {
        List<Field> fields = new ArrayList<>();
        while (cp < s.length()) {
            char c = s.charAt(cp);
            if (DateTimeParser.isSpace(c)) {
                cp++;
                continue;
            }
            buf.setLength(0);
            Type type;
            if (DateTimeParser.isDigit(c)) {
                type = digitField();
            } else if (c == '.') {
                take();
                takeDigits();
                type = Type.NUMBER;
            } else if (isAlpha(c)) {
                type = alphaField();
            } else if (c == '+' || c == '-') {
                type = signedField();
                if (type == null) {
                    return null;
                }
            } else if (isPunct(c)) {
                cp++;
                continue;
            } else {
                return null;
            }
            if (fields.size() >= MAX_FIELDS) {
                return null;
            }
            fields.add(new Field(buf.toString(), type));
        }
        return fields;
    }

    private void takeDigits() {
        while (DateTimeParser.isDigit(at(cp))) {
            take();
        }
    }

    private Type digitField() {
        takeDigits();
        char c = at(cp);
        if (c == ':') {
            take();
            while (DateTimeParser.isDigit(at(cp)) || at(cp) == ':' || at(cp) == '.') {
                take();
            }
            return Type.TIME;
        }
        if (c == '-' || c == '/' || c == '.') {
            char delim = c;
            take();
            if (DateTimeParser.isDigit(at(cp))) {
                Type type = delim == '.' ? Type.NUMBER : Type.DATE;
                takeDigits();
                if (at(cp) == delim) {
                    type = Type.DATE;
                    take();
                    while (DateTimeParser.isDigit(at(cp)) || at(cp) == delim) {
                        take();
                    }
                }
                return type;
            }
            while (isAlnum(at(cp)) || at(cp) == delim) {
                take();
            }
            return Type.DATE;
        }
        return Type.NUMBER;
    }

    private Type alphaField() {
        while (isAlpha(at(cp))) {
            take();
        }
        char c = at(cp);
        boolean isDate = c == '-' || c == '/' || c == '.';
        if (!isDate && (c == '+' || DateTimeParser.isDigit(c))) {
            isDate = !DATE_KEYWORDS.contains(buf.toString().toLowerCase(Locale.ROOT));
        }
        if (!isDate) {
            return Type.STRING;
        }
        do {
            take();
        } while (at(cp) == '+' || at(cp) == '-' || at(cp) == '/' || at(cp) == '_' || at(cp) == '.' || at(cp) == ':'
            || isAlnum(at(cp)));
        return Type.DATE;
    }

    private Type signedField() {
        take();
        while (DateTimeParser.isSpace(at(cp))) {
            cp++;
        }
        if (DateTimeParser.isDigit(at(cp))) {
            take();
            while (DateTimeParser.isDigit(at(cp)) || at(cp) == ':' || at(cp) == '.' || at(cp) == '-') {
                take();
            }
            return Type.TZ;
        }
        if (isAlpha(at(cp))) {
            while (isAlpha(at(cp))) {
                take();
            }
            return Type.SPECIAL;
        }
        return null;
    }
}
