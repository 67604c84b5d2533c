/**
 * Messages of the new transfer order form: its basis (allocation plan, national new-product
 * allocation, temporary), the plan line's remainder and the national document number. Merged
 * into zh-CN.ts; order-form.en.ts has the same keys.
 */
export const orderFormZhCN = {
  'order.toRequired': '请选择收货库点',
  'order.basisHint.allocation_plan': '依已下达的分配计划调拨，无需再审批；数量以该计划给收货库点的剩余数量为限',
  'order.basisHint.new_product': '国家新药具分配：注明国家分配文件号，经本级主管领导审批',
  'order.basisHint.temporary': '计划外的临时调剂，经本级主管领导审批',
  'order.nationalDocument': '国家分配文件号',
  'order.nationalDocumentHint': '必填：国家新药具分配文件的文号',
  'order.nationalDocumentRequired': '请填写国家分配文件号',
  'order.newProductNeedsApproval': '国家新药具分配须经本级主管领导审批',
  'order.allocationPlan': '分配计划',
  'order.choosePlan': '选择分配计划',
  'order.chooseDepotFirst': '请先选择收货库点',
  'order.planOption': '{number}（剩余共 {remaining}）',
  'order.planHint': '本库点已下达、给收货库点分配了药具的分配计划',
  'order.planRequired': '请选择所依据的分配计划',
  'order.noIssuedPlan': '本库点没有给该库点分配药具的已下达分配计划',
  'order.remainingShort': '剩余 {remaining}',
  'order.remaining': '计划剩余 {remaining}（分配 {allocated}，已下单 {ordered}）',
  'order.overRemaining': '超出该计划行的剩余数量 {remaining}',
};
