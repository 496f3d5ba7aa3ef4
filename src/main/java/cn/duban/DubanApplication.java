package cn.duban;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@org.springframework.boot.context.properties.ConfigurationPropertiesScan
public class DubanApplication {
  public static void main(String[] args) {
    SpringApplication.run(DubanApplication.class, args);
  }
}
