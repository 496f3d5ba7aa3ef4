package cn.duban.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** When e-mail is on: only with an SMTP host configured and not switched off. */
class EmailChannelUnitTest {

  final NotifyProperties on = NotifyFixtures.properties(10, Duration.ofSeconds(30));

  @Test
  void mailIsOffWithoutASenderOrWithABlankHost() {
    assertThat(new EmailChannel((JavaMailSender) null, on, null).enabled()).isFalse();
    assertThat(new EmailChannel(new JavaMailSenderImpl(), on, null).enabled()).isFalse();
  }

  @Test
  void mailIsOnWithAHostUnlessSwitchedOff() {
    var sender = new JavaMailSenderImpl();
    sender.setHost("smtp.example.gov.cn");
    assertThat(new EmailChannel(sender, on, null).enabled()).isTrue();

    var off = new NotifyProperties(false, on.pollInterval(), on.batchSize(), on.maxAttempts(), on.backoffBase(),
        on.backoffMax(), on.digestDelay(), on.sendTimeout(), on.baseUrl(), on.inbox(),
        new NotifyProperties.Email(false, "noreply@duban.example.gov.cn", "督办系统"));
    assertThat(new EmailChannel(sender, off, null).enabled()).isFalse();
  }

  @Test
  void aSenderWithoutTimeoutsGetsSomeSoAHangingServerCannotStallTheJob() {
    var sender = new JavaMailSenderImpl();
    sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "5000");
    new EmailChannel(sender, on, null);
    assertThat(sender.getJavaMailProperties())
        .containsEntry("mail.smtp.connectiontimeout", "10000")
        .containsEntry("mail.smtp.timeout", "5000")
        .containsEntry("mail.smtp.writetimeout", "30000");
  }
}
