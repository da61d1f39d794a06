package io.shapesync.shapes.where;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counters of a differential run and its summary line. */
final class DiffStats {
    int predicates;
    int skipped;
    int rejected;
    int rejectedInScope;
    int compared;
    int evalErrorRows;
    int spuriousEvalErrors;
    int missedEvalErrors;
    int renderErrorDiffs;
    int qualOrderErrors;
    int withProblems;
    /** Predicates (Postgres-accepted) whose per-row values include true / false / null / an error; all three. */
    int hasTrue;
    int hasFalse;
    int hasNull;
    int hasError;
    int mixed;
    int rawWhereErrors;
    final Map<String, Integer> skipReasons = new TreeMap<>();
    final Map<String, Integer> rejectReasons = new TreeMap<>();
    final Map<String, Integer> rejectedFeatures = new TreeMap<>();
    final Map<String, Integer> problemKinds = new TreeMap<>();
    final Map<String, Integer> hintKinds = new TreeMap<>();
    final java.util.List<String> spuriousExamples = new java.util.ArrayList<>();

    void add(DiffCase dc, Set<String> unsupported) {
        predicates++;
        if (dc.pgError != null) {
            skipped++;
            skipReasons.merge(reasonKey(dc.pgError), 1, Integer::sum);
            return;
        }
        boolean t = dc.pgRaw.containsValue("true"), f = dc.pgRaw.containsValue("false"), n = dc.pgRaw.containsValue(null);
        boolean e = dc.pgRaw.values().stream().anyMatch(DiffCase::isError);
        if (t) hasTrue++;
        if (f) hasFalse++;
        if (n) hasNull++;
        if (e) hasError++;
        if (t && f && n) mixed++;
        if (dc.rawWhereError != null) rawWhereErrors++;
        if (dc.rejected != null) {
            rejected++;
            rejectReasons.merge(reasonKey(dc.rejected), 1, Integer::sum);
            if (dc.rejectedInScope) rejectedInScope++;
            for (String feat : dc.expr.allFeatures()) {
                if (unsupported.contains(feat)) rejectedFeatures.merge(feat, 1, Integer::sum);
            }
        }
        if (dc.pgCanonical != null) compared++;
        evalErrorRows += dc.evalErrors;
        spuriousEvalErrors += dc.spuriousEvalErrors;
        missedEvalErrors += dc.missedEvalErrors;
        renderErrorDiffs += dc.renderErrorDiffs;
        qualOrderErrors += dc.qualOrderErrors;
        if (dc.hintKind != null) hintKinds.merge(dc.hintKind, 1, Integer::sum);
        if (dc.spuriousExample != null && spuriousExamples.size() < 6) spuriousExamples.add(dc.spuriousExample);
        if (!dc.problems.isEmpty()) withProblems++;
        for (DiffCase.Problem p : dc.problems) problemKinds.merge(p.kind(), 1, Integer::sum);
    }

    /** A reason with its specifics blanked, for grouping: quoted text, numbers, positions. */
    String reasonKey(String reason) {
        return reason.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'").replaceAll("[0-9]+", "N");
    }

    double skipRate() {
        return predicates == 0 ? 0 : (double) skipped / predicates;
    }

    String topSkips() {
        return WhereDifferentialIT.sortedCounts(skipReasons).toString();
    }

    String summary(long seed, int rows, Set<String> unsupported, Set<String> disabled, boolean pgOnly) {
        int accepted = predicates - skipped;
        return String.format("where-diff summary: seed=%d predicates=%d rows=%d skipped(pg errors)=%d (%.1f%%) "
                + "compared=%d rejected=%d (in scope: %d) mismatches=%d (predicates with a problem; by kind %s) "
                + "evalErrorRows=%d spuriousEvalErrors=%d missedEvalErrors=%d renderErrorDiffs=%d qualOrderErrors=%d "
                + "| truth mix of %d Postgres-accepted predicates: true %d, false %d, null %d, error %d, all three %d, "
                + "WHERE raised %d%s%n  index hints checked: %s%n  rejected by reason: %s%n  rejected by documented-unsupported feature: %s%n"
                + "  skipped by Postgres error: %s%n  disabled features: %s; documented unsupported: %s%n"
                + "  EvaluationException where Postgres answers false/null (not failed), e.g.:%s",
            seed, predicates, rows, skipped, 100.0 * skipRate(), compared, rejected, rejectedInScope, withProblems,
            problemKinds, evalErrorRows, spuriousEvalErrors, missedEvalErrors, renderErrorDiffs, qualOrderErrors, accepted, hasTrue,
            hasFalse, hasNull, hasError, mixed, rawWhereErrors, pgOnly ? " [POSTGRES ONLY: engine not run]" : "", hintKinds,
            WhereDifferentialIT.sortedCounts(rejectReasons), WhereDifferentialIT.sortedCounts(rejectedFeatures),
            topSkips(), disabled.isEmpty() ? "none" : disabled, unsupported,
            spuriousExamples.stream().map(x -> "\n    " + x).collect(java.util.stream.Collectors.joining()));
    }
}
