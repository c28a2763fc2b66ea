package com.returnsdrawer.orders.sync;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportStatusTest {

    @Test
    void storedAndShownAsTheLowerCaseWords() {
        assertEquals("pending", ImportStatus.PENDING.value());
        assertEquals("running", ImportStatus.RUNNING.value());
        assertEquals("done", ImportStatus.DONE.value());
        assertEquals("failed", ImportStatus.FAILED.value());
        for (ImportStatus status : ImportStatus.values()) {
            assertEquals(status, new ImportStatus.Column().convertToEntityValue(
                    new ImportStatus.Column().convertToPersistedValue(status, null), null));
        }
    }

    @Test
    void onlyPendingAndRunningImportsAreUnfinished() {
        assertTrue(ImportStatus.PENDING.unfinished());
        assertTrue(ImportStatus.RUNNING.unfinished());
        assertFalse(ImportStatus.DONE.unfinished());
        assertFalse(ImportStatus.FAILED.unfinished());
    }
}
