package dev.keyway.feed;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.helper.ScheduleAndData;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * What db-scheduler keeps for an import: its id, schedule text and time zone, stored as plain text
 * by {@link #SERIALIZER} (not Java serialization) and turned into a db-scheduler {@link Schedule}.
 */
public record ImportPlan(String importId, String schedule, String zone) implements ScheduleAndData {

    /** Plans as text; anything else as db-scheduler's default does. */
    public static final Serializer SERIALIZER = new Serializer() {
        @Override
        public byte[] serialize(Object data) {
            if (data instanceof ImportPlan p) {
                return ("plan\n" + p.importId() + "\n" + p.zone() + "\n" + p.schedule()).getBytes(StandardCharsets.UTF_8);
            }
            return Serializer.DEFAULT_JAVA_SERIALIZER.serialize(data);
        }

        @Override
        public <T> T deserialize(Class<T> type, byte[] bytes) {
            if (type == ImportPlan.class && bytes != null) {
                String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n", 4);
                return type.cast(new ImportPlan(parts[1], parts[3], parts[2]));
            }
            return Serializer.DEFAULT_JAVA_SERIALIZER.deserialize(type, bytes);
        }
    };

    static ImportPlan of(FeedImport i) {
        return new ImportPlan(i.id().value(), i.schedule().text(), i.timeZone().getId());
    }

    @Override
    public Schedule getSchedule() {
        StringBuilder why = new StringBuilder();
        FeedSchedule s = FeedSchedule.parse(schedule, ZoneId.of(zone), why).orElseThrow(() -> new IllegalStateException(why.toString()));
        return s.every() != null ? FixedDelay.of(s.every()) : new CronSchedule(schedule, ZoneId.of(zone), CronStyle.UNIX);
    }

    @Override
    public Object getData() {
        return importId;
    }
}
