package io.shapesync.shapes.where.values;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time zones for {@code timezone(zone, ...)}, resolved as Postgres 15 does with the default
 * {@code timezone_abbreviations}:
 * <ul>
 * <li>IANA names, case-insensitively ({@code Europe/Paris}, {@code america/new_york}), with java.time's rules;
 * in a DST gap the offset before the transition applies, in an overlap the later (standard) offset, as Postgres'
 * DetermineTimeZoneOffset.</li>
 * <li>POSIX-style fixed offsets ({@code +02:00}, {@code -3}, {@code 5}, {@code UTC+3}, {@code GMT-5}): as in POSIX,
 * and Postgres, the sign is inverted, so {@code UTC+3} and {@code +03:00} mean three hours <em>west</em> of
 * Greenwich (UTC-3).</li>
 * <li>The zero-offset abbreviations UTC, UCT, GMT, UT, Z, ZULU. Other abbreviations (EST, CET, PST...) are
 * rejected: Postgres gives them fixed offsets from its abbreviation table, which differ from the IANA zones of the
 * same name.</li>
 * </ul>
 */
public final class TimeZones {
    private static final long EPOCH_2000_SECONDS = 946_684_800L;
    private static final Pattern POSIX = Pattern.compile("([A-Za-z]{3,})?([+-]?)(\\d{1,3})(?::(\\d{1,2})(?::(\\d{1,2}))?)?");
    private static final Set<String> ZERO_ABBREVS = Set.of("utc", "uct", "gmt", "ut", "z", "zulu");
    private static final Set<String> ABBREVS = Set.of(("acdt acsst acst act acwst adt aedt aesst aest aft akdt akst "
        + "almst almt amst amt anast anat arst art ast awsst awst azost azot azst azt bdst bdt bnt bort bot bra brst brt "
        + "bst btt cadt cast cct cdt cest cet cetdst chadt chast chut ckt clst clt cot cst cxt davt ddut easst east eat "
        + "edt eest eet eetdst egst egt est fet fjst fjt fkst fkt fnst fnt galt gamt gest get gft gilt gmt gyt hkt hst "
        + "ict idt iot irkst irkt irt ist jayt jst kdt kgst kgt kost krast krat kst lhdt lhst ligt lint lkt magst magt "
        + "mart mawt mdt mest mesz met metdst mez mht mmt mpt msd msk mst must mut mvt myt ndt nft novst novt npt nst "
        + "nut nzdt nzst nzt omsst omst pdt pet petst pett pgt pht pkst pkt pmdt pmst pont pst pwt pyst pyt ret sadt "
        + "sast sct sgt taht tft tjt tkt tmt tot trut tvt uct ulast ulat ut utc uyst uyt uzst uzt vet vlast vlat volt "
        + "vut wadt wakt wast wat wdt wet wetdst wft wgst wgt xjt yakst yakt yapt yekst yekt z zulu").split(" "));
    private static final Map<String, String> IANA = new HashMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            IANA.put(id.toLowerCase(Locale.ROOT), id);
        }
    }

    private TimeZones() {
    }

    /** Resolves a zone name as described above; IllegalArgumentException when unknown or unsupported. */
    public static ZoneId resolve(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (ZERO_ABBREVS.contains(lower)) {
            return ZoneOffset.UTC;
        }
        if (ABBREVS.contains(lower)) {
            throw new IllegalArgumentException("time zone abbreviation \"" + name + "\" is not supported in where "
                + "clauses (use an IANA name such as America/New_York, or UTC)");
        }
        String id = IANA.get(lower);
        if (id != null) {
            return ZoneId.of(id);
        }
        Matcher m = POSIX.matcher(name);
        if (m.matches()) {
            return posixOffset(m, name);
        }
        throw new IllegalArgumentException("time zone \"" + name + "\" not recognized");
    }

    private static ZoneId posixOffset(Matcher m, String name) {
        int hours = Integer.parseInt(m.group(3));
        int minutes = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int seconds = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        if (hours > 18 || minutes > 59 || seconds > 59 || (hours == 18 && (minutes > 0 || seconds > 0))) {
            throw new IllegalArgumentException("time zone \"" + name + "\" is not supported in where clauses "
                + "(offsets beyond 18 hours)");
        }
        int west = (hours * 60 + minutes) * 60 + seconds;
        return ZoneOffset.ofTotalSeconds("-".equals(m.group(2)) ? west : -west);
    }

    /** timezone(zone, timestamptz): wall-clock time in the zone. */
    static long toLocal(String zone, long tstz) {
        if (tstz == Temporal.TS_NEG_INFINITY || tstz == Temporal.TS_POS_INFINITY) {
            return tstz;
        }
        ZoneId z = resolve(zone);
        Instant instant = toInstant(tstz);
        long offset = z.getRules().getOffset(instant).getTotalSeconds();
        long result = tstz + offset * Calendar.USECS_PER_SEC;
        if (!Calendar.isValidTimestamp(result)) {
            throw new ArithmeticException("timestamp out of range");
        }
        return result;
    }

    /** timezone(zone, timestamp): the instant the zone's wall clock showed {@code ts}. */
    static long fromLocal(String zone, long ts) {
        if (ts == Temporal.TS_NEG_INFINITY || ts == Temporal.TS_POS_INFINITY) {
            return ts;
        }
        ZoneId z = resolve(zone);
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(ts, Calendar.USECS_PER_SEC)
            + EPOCH_2000_SECONDS, 0, ZoneOffset.UTC);
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, z, null).withLaterOffsetAtOverlap();
        long offset = zoned.getOffset().getTotalSeconds();
        if (z.getRules().getValidOffsets(local).isEmpty()) {
            offset = z.getRules().getTransition(local).getOffsetBefore().getTotalSeconds();
        }
        long result = ts - offset * Calendar.USECS_PER_SEC;
        if (!Calendar.isValidTimestamp(result)) {
            throw new ArithmeticException("timestamp out of range");
        }
        return result;
    }

    private static Instant toInstant(long ts) {
        return Instant.ofEpochSecond(Math.floorDiv(ts, Calendar.USECS_PER_SEC) + EPOCH_2000_SECONDS);
    }
}
