package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The schedule value's name in records: written as schedule_value, read under its old name o too. */
class EpochRecordTest {

    private static String epoch(String field) {
        return "{\"epoch\":1,\"lr\":0.1," + field + ":1.5,\"train_loss\":2.0,\"train_top1\":10,\"test_top1\":11,"
                + "\"test_top5\":50,\"train_seconds\":1,\"wall_seconds\":2,\"images_per_s\":3,\"rss_mb\":4,"
                + "\"indicators\":null}";
    }

    @Test
    void readsBothNamesAndWritesTheNewOne() {
        EpochRecord old = Json.read(epoch("\"o\""), EpochRecord.class);
        EpochRecord current = Json.read(epoch("\"schedule_value\""), EpochRecord.class);
        assertEquals(1.5, old.scheduleValue());
        assertEquals(old, current);
        String written = Json.write(current).replaceAll("\\s", "");
        assertTrue(written.contains("\"schedule_value\":1.5"), written);
        assertFalse(written.contains("\"o\""), written);
    }
}
