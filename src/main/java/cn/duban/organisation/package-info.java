/**
 * Units (责任部门), roles and people, on Camunda's identity service; unit heads (科室负责人) and people's contacts
 * (mobile, 企业微信 and 钉钉 userids) kept by duban.
 */
package cn.duban.organisation;
