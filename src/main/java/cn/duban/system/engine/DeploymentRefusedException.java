package cn.duban.system.engine;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A deployment broke duban's rules: nothing was deployed. As a {@link BadUserRequestException} the REST API
 * answers 400 with the numbered Chinese list of every problem in {@code message}, which the Camunda Modeler shows
 * the admin as it is.
 */
public class DeploymentRefusedException extends BadUserRequestException {

  private final transient List<String> problems;

  public DeploymentRefusedException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    StringBuilder text = new StringBuilder("部署被拒绝，共发现 ").append(problems.size()).append(" 个问题，均未部署：");
    for (int i = 0; i < problems.size(); i++) {
      text.append('\n').append(i + 1).append(". ").append(problems.get(i));
    }
    return text.toString();
  }
}
