package io.tenantsync.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void aBarShowsTheShareDoneAndTheCount() {
        assertThat(ProgressBar.render(0, 10)).isEqualTo("  [------------------------------]  0/10 users");
        assertThat(ProgressBar.render(5, 10)).isEqualTo("  [###############---------------]  5/10 users");
        assertThat(ProgressBar.render(0, 0)).contains("[##############################]  0/0 users");
    }

    @Test
    void outsideAConsoleItPrintsALineAtEachQuarterAndTheFinalState() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);

        for (int done = 0; done <= 100; done++) {
            bar.update(done, 100);
        }
        bar.finish();

        assertThat(text.toString().lines()).extracting(line -> line.substring(line.indexOf("]") + 3))
                .containsExactly("0/100 users", "25/100 users", "50/100 users", "75/100 users", "100/100 users");
        assertThat(text.toString()).doesNotContain("\r");
    }

    @Test
    void aCycleThatNeverReachedItsUsersLeavesNoBar() {
        StringWriter text = new StringWriter();
        new ProgressBar(new PrintWriter(text), true).finish();

        assertThat(text.toString()).isEmpty();
    }
}
