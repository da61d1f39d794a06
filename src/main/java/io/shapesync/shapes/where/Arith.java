package io.shapesync.shapes.where;

import static io.shapesync.shapes.where.SqlType.*;

import io.shapesync.shapes.where.values.Interval;
import io.shapesync.shapes.where.values.Temporal;
import java.util.List;

/** Arithmetic, bitwise and date/time operators. */
final class Arith {
    private static final List<SqlType> INTS = List.of(INT2, INT4, INT8);

    private Arith() {
    }

    private static SqlType wider(SqlType a, SqlType b) {
        return INTS.indexOf(a) >= INTS.indexOf(b) ? a : b;
    }

    private static long l(Object o) {
        return (Long) o;
    }

    private static double d(Object o) {
        return Floats.value(o);
    }

    static void register() {
        for (SqlType a : INTS) {
            for (SqlType b : INTS) {
                SqlType t = wider(a, b);
                Operators.addBinary("+", a, b, t, (x, y) -> Ints.add(l(x), l(y), t));
                Operators.addBinary("-", a, b, t, (x, y) -> Ints.sub(l(x), l(y), t));
                Operators.addBinary("*", a, b, t, (x, y) -> Ints.mul(l(x), l(y), t));
                Operators.addBinary("/", a, b, t, (x, y) -> Ints.div(l(x), l(y), t));
            }
            Operators.addBinary("%", a, a, a, (x, y) -> Ints.mod(l(x), l(y)));
            Operators.addBinary("&", a, a, a, (x, y) -> l(x) & l(y));
            Operators.addBinary("|", a, a, a, (x, y) -> l(x) | l(y));
            Operators.addBinary("#", a, a, a, (x, y) -> l(x) ^ l(y));
            Operators.addBinary("<<", a, INT4, a, (x, y) -> Ints.shiftLeft(l(x), l(y), a));
            Operators.addBinary(">>", a, INT4, a, (x, y) -> Ints.shiftRight(l(x), l(y), a));
            Operators.addPrefix("-", a, a, x -> Ints.neg(l(x), a));
            Operators.addPrefix("+", a, a, x -> x);
            Operators.addPrefix("@", a, a, x -> Ints.abs(l(x), a));
            Operators.addPrefix("~", a, a, x -> Ints.not(l(x), a));
        }
        // float4 op float4 stays in float; any float8 operand computes in double
        Operators.addBinary("+", FLOAT4, FLOAT4, FLOAT4, (x, y) -> f4(d(x) + d(y), x, y, true));
        Operators.addBinary("-", FLOAT4, FLOAT4, FLOAT4, (x, y) -> f4(d(x) - d(y), x, y, true));
        Operators.addBinary("*", FLOAT4, FLOAT4, FLOAT4, (x, y) -> f4(d(x) * d(y), x, y, false));
        Operators.addBinary("/", FLOAT4, FLOAT4, FLOAT4, (x, y) -> f4(div(d(x), d(y)), x, y, false));
        for (SqlType[] p : new SqlType[][] {{FLOAT8, FLOAT8}, {FLOAT4, FLOAT8}, {FLOAT8, FLOAT4}}) {
            Operators.addBinary("+", p[0], p[1], FLOAT8, (x, y) -> f8(d(x) + d(y), x, y, true));
            Operators.addBinary("-", p[0], p[1], FLOAT8, (x, y) -> f8(d(x) - d(y), x, y, true));
            Operators.addBinary("*", p[0], p[1], FLOAT8, (x, y) -> f8(d(x) * d(y), x, y, false));
            Operators.addBinary("/", p[0], p[1], FLOAT8, (x, y) -> f8(div(d(x), d(y)), x, y, false));
        }
        Operators.addBinary("^", FLOAT8, FLOAT8, FLOAT8, (x, y) -> Floats.pow(d(x), d(y)));
        Operators.addPrefix("-", FLOAT4, FLOAT4, x -> -(Float) x);
        Operators.addPrefix("-", FLOAT8, FLOAT8, x -> -(Double) x);
        Operators.addPrefix("+", FLOAT4, FLOAT4, x -> x);
        Operators.addPrefix("+", FLOAT8, FLOAT8, x -> x);
        Operators.addPrefix("@", FLOAT4, FLOAT4, x -> Math.abs((Float) x));
        Operators.addPrefix("@", FLOAT8, FLOAT8, x -> Math.abs((Double) x));
        Operators.addPrefix("|/", FLOAT8, FLOAT8, x -> Floats.sqrt(d(x)));
        Operators.addPrefix("||/", FLOAT8, FLOAT8, x -> Math.cbrt(d(x)));
        Operators.addBinary("+", NUMERIC, NUMERIC, NUMERIC, Numerics::add);
        Operators.addBinary("-", NUMERIC, NUMERIC, NUMERIC, Numerics::sub);
        Operators.addBinary("*", NUMERIC, NUMERIC, NUMERIC, Numerics::mul);
        Operators.addBinary("/", NUMERIC, NUMERIC, NUMERIC, Numerics::div);
        Operators.addBinary("%", NUMERIC, NUMERIC, NUMERIC, Numerics::mod);
        Operators.addBinary("^", NUMERIC, NUMERIC, NUMERIC, Numerics::pow);
        Operators.addPrefix("-", NUMERIC, NUMERIC, Numerics::negate);
        Operators.addPrefix("+", NUMERIC, NUMERIC, x -> x);
        Operators.addPrefix("@", NUMERIC, NUMERIC, Numerics::abs);
        registerTemporal();
    }

    private static double div(double x, double y) {
        if (y == 0 && !Double.isNaN(x)) {
            throw new EvaluationException("division by zero");
        }
        return x / y;
    }

    private static Object f4(double r, Object x, Object y, boolean additive) {
        boolean inf = Double.isInfinite(d(x)) || Double.isInfinite(d(y));
        boolean zero = additive || d(x) == 0 || d(y) == 0 || Double.isInfinite(d(y));
        return Floats.checkResult4(r, inf, zero || additive);
    }

    private static Object f8(double r, Object x, Object y, boolean additive) {
        boolean inf = Double.isInfinite(d(x)) || Double.isInfinite(d(y));
        boolean zero = additive || d(x) == 0 || Double.isInfinite(d(y)) || d(y) == 0;
        return Floats.checkResult(r, inf, zero);
    }

    private static Interval iv(Object o) {
        return (Interval) o;
    }

    private static void registerTemporal() {
        Operators.addBinary("+", DATE, INT4, DATE, (x, y) -> Temporal.datePlusDays((Integer) x, l(y)));
        Operators.addBinary("+", INT4, DATE, DATE, (x, y) -> Temporal.datePlusDays((Integer) y, l(x)));
        Operators.addBinary("-", DATE, INT4, DATE, (x, y) -> Temporal.datePlusDays((Integer) x, -l(y)));
        Operators.addBinary("-", DATE, DATE, INT4, (x, y) -> (long) Temporal.dateMinusDate((Integer) x, (Integer) y));
        Operators.addBinary("+", DATE, TIME, TIMESTAMP, (x, y) -> Temporal.datePlusTime((Integer) x, l(y)));
        Operators.addBinary("+", TIME, DATE, TIMESTAMP, (x, y) -> Temporal.datePlusTime((Integer) y, l(x)));
        Operators.addBinary("+", DATE, INTERVAL, TIMESTAMP,
                (x, y) -> Temporal.timestampPlusInterval(Temporal.dateToTimestamp((Integer) x), iv(y)));
        Operators.addBinary("+", INTERVAL, DATE, TIMESTAMP,
                (x, y) -> Temporal.timestampPlusInterval(Temporal.dateToTimestamp((Integer) y), iv(x)));
        Operators.addBinary("-", DATE, INTERVAL, TIMESTAMP,
                (x, y) -> Temporal.timestampMinusInterval(Temporal.dateToTimestamp((Integer) x), iv(y)));
        for (SqlType ts : List.of(TIMESTAMP, TIMESTAMPTZ)) {
            Operators.addBinary("+", ts, INTERVAL, ts, (x, y) -> Temporal.timestampPlusInterval(l(x), iv(y)));
            Operators.addBinary("+", INTERVAL, ts, ts, (x, y) -> Temporal.timestampPlusInterval(l(y), iv(x)));
            Operators.addBinary("-", ts, INTERVAL, ts, (x, y) -> Temporal.timestampMinusInterval(l(x), iv(y)));
            Operators.addBinary("-", ts, ts, INTERVAL, (x, y) -> Temporal.timestampMinusTimestamp(l(x), l(y)));
        }
        Operators.addBinary("+", TIME, INTERVAL, TIME, (x, y) -> Temporal.timePlusInterval(l(x), iv(y)));
        Operators.addBinary("+", INTERVAL, TIME, TIME, (x, y) -> Temporal.timePlusInterval(l(y), iv(x)));
        Operators.addBinary("-", TIME, INTERVAL, TIME, (x, y) -> Temporal.timeMinusInterval(l(x), iv(y)));
        Operators.addBinary("-", TIME, TIME, INTERVAL, (x, y) -> Temporal.timeMinusTime(l(x), l(y)));
        Operators.addBinary("+", INTERVAL, INTERVAL, INTERVAL, (x, y) -> Temporal.intervalPlus(iv(x), iv(y)));
        Operators.addBinary("-", INTERVAL, INTERVAL, INTERVAL, (x, y) -> Temporal.intervalMinus(iv(x), iv(y)));
        Operators.addBinary("*", INTERVAL, FLOAT8, INTERVAL, (x, y) -> Temporal.intervalMultiply(iv(x), d(y)));
        Operators.addBinary("*", FLOAT8, INTERVAL, INTERVAL, (x, y) -> Temporal.intervalMultiply(iv(y), d(x)));
        Operators.addBinary("/", INTERVAL, FLOAT8, INTERVAL, (x, y) -> Temporal.intervalDivide(iv(x), d(y)));
        Operators.addPrefix("-", INTERVAL, INTERVAL, x -> Temporal.intervalNegate(iv(x)));
    }
}
