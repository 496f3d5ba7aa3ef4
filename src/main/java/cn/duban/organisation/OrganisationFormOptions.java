package cn.duban.organisation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.engine.FormOptions;
import cn.duban.system.security.Roles;

/**
 * The organisation as forms offer it: units by name ({@code unitOptions}), people by name with their units
 * ({@code personOptions}: 李慧（纳税服务科）), and the bureau's leaders ({@code leaderOptions}).
 */
@Configuration(proxyBeanMethods = false)
class OrganisationFormOptions {

  @Bean
  FormOptions unitOptions(OrganisationService organisation) {
    return FormOptions.of("unitOptions", () -> organisation.units().stream()
        .map(u -> new FormOptions.Option(u.name(), u.id())).toList());
  }

  @Bean
  FormOptions personOptions(OrganisationService organisation) {
    return FormOptions.of("personOptions", () -> {
      Map<String, FormOptions.Option> people = new LinkedHashMap<>();
      for (Unit unit : organisation.units()) {
        for (Person person : organisation.members(unit.id())) {
          FormOptions.Option known = people.get(person.id());
          List<String> units = new ArrayList<>(known == null ? List.of() : known.units());
          units.add(unit.id());
          String unitNames = String.join("、", units.stream().map(organisation::unitName).toList());
          people.put(person.id(), new FormOptions.Option(person.name() + "（" + unitNames + "）", person.id(), units));
        }
      }
      return List.copyOf(people.values());
    });
  }

  @Bean
  FormOptions leaderOptions(OrganisationService organisation) {
    return FormOptions.of("leaderOptions", () -> organisation.members(Roles.LEADERS).stream()
        .map(p -> new FormOptions.Option(p.name(), p.id())).toList());
  }
}
