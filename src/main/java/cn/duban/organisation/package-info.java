/** Units (责任部门), roles and people, on Camunda's identity service; unit heads (科室负责人) kept by duban. */
package cn.duban.organisation;
