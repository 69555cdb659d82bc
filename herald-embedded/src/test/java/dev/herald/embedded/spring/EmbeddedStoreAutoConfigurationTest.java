package dev.herald.embedded.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Publication;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.topic.Topic;
import dev.herald.embedded.EmbeddedEventLog;
import dev.herald.embedded.EmbeddedStoreOptions;
import dev.herald.embedded.FlushPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmbeddedStoreAutoConfigurationTest {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedStoreAutoConfiguration.class));

    @Test
    void typeEmbeddedOpensTheStoreWithTheBoundProperties() {
        Path path = directory.resolve("data");
        runner.withPropertyValues(
                        "herald.store.type=embedded",
                        "herald.store.path=" + path,
                        "herald.store.max-events=7",
                        "herald.store.max-age=10m",
                        "herald.store.flush=always")
                .run(context -> {
                    EmbeddedEventLog log = context.getBean(EmbeddedEventLog.class);
                    assertThat(context.getBean(EventLog.class)).isSameAs(log);
                    EmbeddedStoreOptions options = log.options();
                    assertThat(options.directory()).isEqualTo(path);
                    assertThat(options.retention()).isEqualTo(new RetentionPolicy(7, Duration.ofMinutes(10)));
                    assertThat(options.flush()).isEqualTo(FlushPolicy.always());
                    assertThat(Files.exists(options.file())).isTrue();
                });
    }

    @Test
    void groupCommitIntervalIsBound() {
        runner.withPropertyValues(
                        "herald.store.type=embedded",
                        "herald.store.path=" + directory,
                        "herald.store.group-commit-interval=2ms")
                .run(context -> assertThat(context.getBean(EmbeddedEventLog.class).options().flush())
                        .isEqualTo(FlushPolicy.group(Duration.ofMillis(2))));
    }

    @Test
    void defaultsAreGroupCommitEveryMillisecondInDotSlashData() {
        EmbeddedStoreProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("herald.store", EmbeddedStoreProperties.class);
        assertThat(defaults.directory()).isEqualTo(Path.of("./data"));
        assertThat(defaults.flushPolicy()).isEqualTo(FlushPolicy.DEFAULT).isEqualTo(FlushPolicy.group(Duration.ofMillis(1)));
        assertThat(defaults.retention()).isEqualTo(RetentionPolicy.DEFAULT);
    }

    @Test
    void otherStoreTypesLeaveTheEventLogToOthers() {
        runner.run(context -> assertThat(context).doesNotHaveBean(EventLog.class));
        runner.withPropertyValues("herald.store.type=memory", "herald.store.path=" + directory)
                .run(context -> assertThat(context).doesNotHaveBean(EventLog.class));
    }

    @Test
    void anApplicationsOwnEventLogWins() {
        runner.withPropertyValues("herald.store.type=embedded", "herald.store.path=" + directory)
                .withBean(EventLog.class, () -> new InMemoryEventLog(RetentionPolicy.DEFAULT))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedEventLog.class);
                    assertThat(context).hasSingleBean(EventLog.class);
                });
    }

    @Test
    void theLogIsClosedWithTheContext() {
        AtomicReference<EmbeddedEventLog> opened = new AtomicReference<>();
        runner.withPropertyValues("herald.store.type=embedded", "herald.store.path=" + directory)
                .run(context -> opened.set(context.getBean(EmbeddedEventLog.class)));
        assertThatThrownBy(() -> opened.get().append(Publication.of(List.of(Topic.of("t")), "late")))
                .isInstanceOf(LogUnavailableException.class);
        // and the file is free for the next life
        EmbeddedEventLog.open(directory).close();
    }

    @Test
    void aWrongFlushValueStopsTheApplication() {
        runner.withPropertyValues("herald.store.type=embedded", "herald.store.path=" + directory,
                        "herald.store.flush=sometimes")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().hasStackTraceContaining("herald.store.flush"));
    }
}
