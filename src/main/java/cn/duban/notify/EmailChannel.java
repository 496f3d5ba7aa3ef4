package cn.duban.notify;

import java.io.UnsupportedEncodingException;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import cn.duban.organisation.OrganisationService;
import cn.duban.organisation.Person;

/**
 * E-mail over SMTP, on when {@code spring.mail.host} is configured (Spring Boot then provides the
 * {@link JavaMailSender}) and {@code duban.notify.email.enabled} is not false. The address is the person's e-mail
 * in Camunda's identity service; a person without one is skipped (they still have the inbox).
 */
@Component
class EmailChannel implements NotificationChannel {

  static final String NAME = "email";

  private final JavaMailSender mailSender;
  private final NotifyProperties properties;
  private final OrganisationService organisation;

  @Autowired
  EmailChannel(ObjectProvider<JavaMailSender> mailSender, NotifyProperties properties,
               OrganisationService organisation) {
    this(mailSender.getIfAvailable(), properties, organisation);
  }

  /** With the given sender, or none (e-mail off). */
  EmailChannel(JavaMailSender mailSender, NotifyProperties properties, OrganisationService organisation) {
    this.mailSender = mailSender;
    this.properties = properties;
    this.organisation = organisation;
    if (mailSender instanceof JavaMailSenderImpl impl) {
      // JavaMail waits forever by default: a hanging server would stall the delivery job. Explicit
      // spring.mail.properties.mail.smtp.* settings win.
      impl.getJavaMailProperties().putIfAbsent("mail.smtp.connectiontimeout", "10000");
      impl.getJavaMailProperties().putIfAbsent("mail.smtp.timeout", "30000");
      impl.getJavaMailProperties().putIfAbsent("mail.smtp.writetimeout", "30000");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /** On with a sender, unless switched off; a blank {@code spring.mail.host} (e.g. an unset variable) means off too. */
  @Override
  public boolean enabled() {
    boolean blankHost = mailSender instanceof JavaMailSenderImpl impl && !StringUtils.hasText(impl.getHost());
    return mailSender != null && !blankHost && properties.email().enabled();
  }

  @Override
  public boolean transactional() {
    return false;
  }

  /** People choose per kind whether they want e-mail too. */
  @Override
  public Audience audience() {
    return Audience.CHOSEN;
  }

  @Override
  public String label() {
    return "邮件";
  }

  @Override
  public DeliveryOutcome deliver(NotificationMessage message) throws MessagingException, UnsupportedEncodingException {
    Optional<Person> person = organisation.person(message.recipient());
    if (person.isEmpty()) {
      return DeliveryOutcome.skipped("unknown user " + message.recipient());
    }
    String address = person.get().email();
    if (address == null || address.isBlank()) {
      return DeliveryOutcome.skipped("no e-mail address");
    }
    MimeMessage mail = mailSender.createMimeMessage();
    var helper = new MimeMessageHelper(mail, false, "UTF-8");
    helper.setFrom(new InternetAddress(properties.email().from(), properties.email().fromName(), "UTF-8"));
    helper.setTo(new InternetAddress(address.strip(), person.get().name(), "UTF-8"));
    helper.setSubject(message.subject());
    helper.setText(MailText.body(message, person.get().name(), properties.baseUrl()), false);
    // kept by JavaMailSenderImpl when it saves the message
    mail.setHeader("Message-ID", MailText.messageId(message, properties.baseUrl()));
    mailSender.send(mail);
    return DeliveryOutcome.sent();
  }
}
