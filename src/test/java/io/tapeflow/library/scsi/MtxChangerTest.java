package io.tapeflow.library.scsi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.tapeflow.library.scsi.FakeTapeTools.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MtxChangerTest {

    @TempDir
    Path tempDir;

    @Test
    void statusAnswersMtxOutputAsIs() throws IOException {
        FakeTapeTools tools = FakeTapeTools.install(tempDir, "ibm-ts3100.txt");
        MtxChanger changer = new MtxChanger(tools.mtx(), "/dev/sg3", FakeTapeTools.TIMEOUT);

        assertEquals(fixture("ibm-ts3100.txt"), changer.status());
        assertEquals(List.of("-f /dev/sg3 status"), tools.mtxCalls());
    }

    @Test
    void loadUnloadAndTransferPassMtxArgumentsInMtxOrder() throws IOException {
        FakeTapeTools tools = FakeTapeTools.install(tempDir, "ibm-ts3100.txt");
        MtxChanger changer = new MtxChanger(tools.mtx(), "/dev/sg3", FakeTapeTools.TIMEOUT);

        changer.load(1, 1);
        changer.unload(7, 1);
        changer.transfer(7, 23);

        assertEquals(List.of("-f /dev/sg3 load 1 1", "-f /dev/sg3 unload 7 1", "-f /dev/sg3 transfer 7 23"),
                tools.mtxCalls());
    }

    @Test
    void aNonZeroExitIsAnIoExceptionWithTheCommandAndItsOutput() throws IOException {
        FakeTapeTools tools = FakeTapeTools.install(tempDir, "ibm-ts3100.txt");
        MtxChanger changer = new MtxChanger(tools.mtx(), "/dev/sg3", FakeTapeTools.TIMEOUT);

        IOException e = assertThrows(IOException.class, () -> changer.load(4, 1)); // slot 4 is empty

        assertTrue(e.getMessage().contains(tools.mtx() + " -f /dev/sg3 load 4 1` exited with 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Loading media from Storage Element 4 into drive 1..."), e.getMessage());
        assertTrue(e.getMessage().contains("source Element Address slot:4 is Empty"), e.getMessage());
    }

    @Test
    void aCommandThatHangsIsKilledAtTheTimeout() throws IOException {
        FakeTapeTools tools = FakeTapeTools.install(tempDir, "ibm-ts3100.txt");
        CommandRunner runner = new CommandRunner(Duration.ofMillis(300));

        // the fake mtx sleeps 30 s for the made-up command "sleep"
        IOException e = assertThrows(IOException.class,
                () -> runner.run(List.of(tools.mtx(), "-f", "/dev/sg3", "sleep")));

        assertTrue(e.getMessage().contains("timed out after PT0.3S"), e.getMessage());
    }

    @Test
    void aMissingMtxIsAnIoExceptionNamingTheCommand() {
        MtxChanger changer = new MtxChanger(tempDir.resolve("no-such-mtx").toString(), "/dev/sg3",
                FakeTapeTools.TIMEOUT);

        IOException e = assertThrows(IOException.class, changer::status);

        assertTrue(e.getMessage().contains("cannot run `" + tempDir.resolve("no-such-mtx") + " -f /dev/sg3 status`"),
                e.getMessage());
    }
}
