/**
 * Units (责任部门), roles and people, on Camunda's identity service; unit heads (科室负责人) and people's contacts
 * (mobile, 企业微信 and 钉钉 userids) kept by duban.
 */
@org.springframework.modulith.ApplicationModule(displayName = "组织与人员", allowedDependencies = { "system" })
package cn.duban.organisation;
