package dev.keyway.feed;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an import runs: {@code every N m|h} (also "min", "minutes", "hours"), from 5 minutes to 7
 * days, or a 5-field (UNIX) cron expression read in the import's time zone.
 */
public record FeedSchedule(String text, Duration every) {
    public static final Duration SHORTEST = Duration.ofMinutes(5);
    public static final Duration LONGEST = Duration.ofDays(7);
    private static final Pattern EVERY = Pattern.compile("every\\s+(\\d{1,6})\\s*(m|min|mins|minutes?|h|hours?)",
            Pattern.CASE_INSENSITIVE);

    /** The schedule {@code text} denotes, or empty with the reason. */
    public static Optional<FeedSchedule> parse(String text, ZoneId zone, StringBuilder why) {
        String t = text == null ? "" : text.trim();
        Matcher m = EVERY.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = m.group(2).toLowerCase(Locale.ROOT).startsWith("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
            if (d.compareTo(SHORTEST) < 0 || d.compareTo(LONGEST) > 0) {
                why.append("an interval must be between 5 minutes and 7 days");
                return Optional.empty();
            }
            return Optional.of(new FeedSchedule(t, d));
        }
        if (t.split("\\s+").length != 5) {
            why.append("schedule must be \"every N m\", \"every N h\" or a 5-field cron expression such as \"0 3 * * *\"");
            return Optional.empty();
        }
        try {
            new CronSchedule(t, zone, CronStyle.UNIX);
            return Optional.of(new FeedSchedule(t, null));
        } catch (RuntimeException e) {
            why.append("schedule is not a valid cron expression: ").append(e.getMessage() == null ? "unreadable" : e.getMessage());
            return Optional.empty();
        }
    }

    /** The first slot strictly after {@code after}. */
    public Instant nextAfter(Instant after, ZoneId zone) {
        if (every != null) {
            long step = every.toMillis();
            return Instant.ofEpochMilli((after.toEpochMilli() / step + 1) * step);
        }
        return new CronSchedule(text, zone, CronStyle.UNIX).getInitialExecutionTime(after.plusMillis(1));
    }
}
