package org.tagbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PeakResidentMemoryTest {

    @Test
    void thePeakIsVmHwmInBytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9876543 kB", "VmHWM:\t  812344 kB",
                "VmRSS:\t  700000 kB");
        assertEquals(OptionalLong.of(812_344L * 1024), PeakResidentMemory.fromStatus(status));
        assertEquals(OptionalLong.empty(), PeakResidentMemory.fromStatus(List.of("Name:\tjava")));
    }

    @Test
    void thisProcessPeakCoversTheMemoryItTouched() {
        // Linux (this project's machines and CI) tells the peak; 64 MB written must have been resident.
        byte[] touched = new byte[64 << 20];
        java.util.Arrays.fill(touched, (byte) 1);
        long peak = PeakResidentMemory.ofThisProcess().orElseThrow();
        assertTrue(peak >= touched.length, peak + " bytes");
    }
}
