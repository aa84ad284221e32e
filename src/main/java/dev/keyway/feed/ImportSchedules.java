package dev.keyway.feed;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules of imports, kept by db-scheduler: one task instance per active import (instance id
 * = import id) with its schedule persisted in {@code scheduled_tasks}. db-scheduler picks each due
 * execution on exactly one instance of Keyway (one run per slot across instances); an execution cut
 * off by a crash is detected by its missing heartbeats and revived (run again), and the cut-off run's
 * record is marked failed first. Plans are stored as text ({@link ImportPlan#SERIALIZER}). A new or resumed import runs at once, then on its schedule.
 * Whichever Keyway instance runs the scheduler executes the runs; this class only writes schedules.
 */
public final class ImportSchedules {
    public static final String TASK = "feed-import";
    private static final Logger LOG = LoggerFactory.getLogger(ImportSchedules.class);

    private final RecurringTaskWithPersistentSchedule<ImportPlan> task;
    private final SchedulerClient client;
    private final Clock clock;

    public ImportSchedules(DataSource dataSource, boolean postgres, FeedImports imports, ImportRuns runs, ImportRunner runner, Clock clock) {
        this.clock = clock;
        this.task = Tasks.recurringWithPersistentSchedule(TASK, ImportPlan.class)
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> {
                    ImportId id = new ImportId(instance.getId());
                    FeedImport i = imports.findAny(id).orElse(null);
                    if (i == null || !i.active()) {
                        LOG.info("import {} is {}: scheduled run skipped", id, i == null ? "deleted" : "paused");
                        return;
                    }
                    int cutOff = runs.failCutOff(id, clock.instant());
                    if (cutOff > 0) {
                        LOG.warn("import {}: {} scheduled run(s) cut off before they finished marked failed; running again", id, cutOff);
                    }
                    runner.run(i, "schedule");
                });
        this.client = SchedulerClient.Builder.create(dataSource, task).serializer(ImportPlan.SERIALIZER)
                .jdbcCustomization(postgres ? new PostgreSqlJdbcCustomization(false, true) // timestamps in UTC, as the scheduler's
                        : new DefaultJdbcCustomization(true))
                .build();
    }

    /** The task to register with the scheduler. */
    public RecurringTaskWithPersistentSchedule<ImportPlan> task() {
        return task;
    }

    /** After create or edit: an active import is scheduled (at once when {@code now}, else at its next slot); a paused one is not. */
    public void plan(FeedImport i, boolean now) {
        unplan(i.id());
        if (!i.active()) {
            return;
        }
        ImportPlan plan = ImportPlan.of(i);
        Schedule schedule = plan.getSchedule();
        var instance = task.instance(i.id().value(), plan);
        client.schedule(instance, now ? clock.instant() : schedule.getInitialExecutionTime(clock.instant()));
    }

    /** After delete or pause. A run in progress finishes; the next one skips a deleted or paused import. */
    public void unplan(ImportId id) {
        TaskInstanceId instance = TaskInstanceId.of(TASK, id.value());
        try {
            if (client.getScheduledExecution(instance).isPresent()) {
                client.cancel(instance);
            }
        } catch (RuntimeException running) {
            LOG.info("import {}: its schedule could not be removed now ({}); its next run will be skipped", id,
                    running.getMessage());
        }
    }
}
