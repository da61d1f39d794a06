package io.shapesync.shapes.where;

import java.math.BigDecimal;
import java.math.MathContext;

/** ln and exp on BigDecimal, to the precision of a MathContext (plus guard digits). */
final class BigMath {
    private BigMath() {
    }

    static BigDecimal ln(BigDecimal x, MathContext out) {
        MathContext mc = new MathContext(out.getPrecision() + 20);
        int k = 0;
        BigDecimal m = x;
        BigDecimal lo = new BigDecimal("0.9");
        BigDecimal hi = new BigDecimal("1.1");
        while (m.compareTo(lo) < 0 || m.compareTo(hi) > 0) {
            m = m.sqrt(mc);
            k++;
        }
        BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), mc);
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal term = z;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int i = 1; ; i += 2) {
            BigDecimal t = term.divide(BigDecimal.valueOf(i), mc);
            sum = sum.add(t, mc);
            if (t.abs().compareTo(eps) < 0) {
                break;
            }
            term = term.multiply(z2, mc);
        }
        return sum.multiply(BigDecimal.valueOf(2).pow(k + 1), mc).round(out);
    }

    static BigDecimal exp(BigDecimal x, MathContext out) {
        MathContext mc = new MathContext(out.getPrecision() + 20);
        int k = 0;
        BigDecimal r = x;
        BigDecimal half = new BigDecimal("0.5");
        while (r.abs().compareTo(half) > 0) {
            r = r.divide(BigDecimal.valueOf(2), mc);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int i = 1; ; i++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(i), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(eps) < 0) {
                break;
            }
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, mc);
        }
        return sum.round(out);
    }
}
