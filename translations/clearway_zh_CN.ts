<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Clearway::Demo</name>
    <message>
        <source>%1 is missing; install the Debian package iso-codes.</source>
        <translation>缺少 %1；请安装 Debian 软件包 iso-codes。</translation>
    </message>
    <message>
        <source>The number of declarations must be between 1 and 100,000,000.</source>
        <translation>报关单数量必须在 1 到 100,000,000 之间。</translation>
    </message>
    <message>
        <source>%1 already exists; it was left untouched (use --force to replace it).</source>
        <translation>%1 已存在，未作改动（使用 --force 可替换）。</translation>
    </message>
    <message>
        <source>The demo data could not be written: %1</source>
        <translation>无法写入演示数据：%1</translation>
    </message>
    <message>
        <source>The finished file %1 could not be renamed to %2.</source>
        <translation>无法将已完成的文件 %1 重命名为 %2。</translation>
    </message>
</context>
<context>
    <name>Clearway::Models</name>
    <message>
        <source>Declarations</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>E-commerce manifests</source>
        <translation>跨境电商清单</translation>
    </message>
    <message>
        <source>Inspection tasks</source>
        <translation>查验任务</translation>
    </message>
    <message>
        <source>Remote inspections</source>
        <translation>远程视频查验</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Service applications</source>
        <translation>窗口业务</translation>
    </message>
    <message>
        <source>No role</source>
        <translation>无角色</translation>
    </message>
    <message>
        <source>Window officer</source>
        <translation>窗口关员</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>查验关员</translation>
    </message>
    <message>
        <source>Remote inspector</source>
        <translation>远程查验关员</translation>
    </message>
    <message>
        <source>Certificate officer</source>
        <translation>签证关员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>科长</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>未布控</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色通道</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色通道</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色通道</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>进口</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>出口</translation>
    </message>
    <message>
        <source>Advanced certified (AEO)</source>
        <translation>高级认证企业（AEO）</translation>
    </message>
    <message>
        <source>General certified</source>
        <translation>一般认证企业</translation>
    </message>
    <message>
        <source>General credit</source>
        <translation>一般信用企业</translation>
    </message>
    <message>
        <source>Dishonest</source>
        <translation>失信企业</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>一般申报</translation>
    </message>
    <message>
        <source>Advance declaration</source>
        <translation>提前申报</translation>
    </message>
    <message>
        <source>Two-step declaration</source>
        <translation>两步申报</translation>
    </message>
    <message>
        <source>Two-stage access</source>
        <translation>两段准入</translation>
    </message>
    <message>
        <source>Sea</source>
        <translation>水路运输</translation>
    </message>
    <message>
        <source>Air</source>
        <translation>航空运输</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>铁路运输</translation>
    </message>
    <message>
        <source>Road</source>
        <translation>公路运输</translation>
    </message>
    <message>
        <source>Mail and express</source>
        <translation>邮件快件</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Cash deposit</source>
        <translation>保证金</translation>
    </message>
    <message>
        <source>Bank guarantee</source>
        <translation>银行保函</translation>
    </message>
    <message>
        <source>General guarantee</source>
        <translation>总担保</translation>
    </message>
    <message>
        <source>Tariff guarantee insurance</source>
        <translation>关税保证保险</translation>
    </message>
    <message>
        <source>Group finance company</source>
        <translation>集团财务公司担保</translation>
    </message>
    <message>
        <source>Third-party credit</source>
        <translation>第三方信用担保</translation>
    </message>
    <message>
        <source>Manual opening</source>
        <translation>人工开箱</translation>
    </message>
    <message>
        <source>X-ray (H986)</source>
        <translation>机检（H986）</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT 机检</translation>
    </message>
    <message>
        <source>Sampling and lab test</source>
        <translation>取样送检</translation>
    </message>
    <message>
        <source>Quarantine treatment</source>
        <translation>检疫处理</translation>
    </message>
    <message>
        <source>Destination inspection</source>
        <translation>目的地检查</translation>
    </message>
    <message>
        <source>Remote video</source>
        <translation>远程视频</translation>
    </message>
    <message>
        <source>Certificate of origin</source>
        <translation>原产地证书</translation>
    </message>
    <message>
        <source>Special items approval</source>
        <translation>特殊物品审批</translation>
    </message>
    <message>
        <source>Trade fair temporary registration</source>
        <translation>展会临时备案</translation>
    </message>
    <message>
        <source>CCC exemption statement</source>
        <translation>免予办理 CCC 认证证明</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>未到期</translation>
    </message>
</context>
<context>
    <name>Clearway::Models::DeclarationCheck</name>
    <message>
        <source>The declaration number is missing.</source>
        <translation>缺少报关单号。</translation>
    </message>
    <message>
        <source>The declaration number &quot;%1&quot; must have 18 digits.</source>
        <translation>报关单号“%1”应为 18 位数字。</translation>
    </message>
    <message>
        <source>The customs district is missing.</source>
        <translation>缺少关区代码。</translation>
    </message>
    <message>
        <source>The customs district &quot;%1&quot; must have 4 digits.</source>
        <translation>关区代码“%1”应为 4 位数字。</translation>
    </message>
    <message>
        <source>The declaring enterprise is missing.</source>
        <translation>缺少申报企业。</translation>
    </message>
    <message>
        <source>The enterprise&apos;s unified social credit code is missing.</source>
        <translation>缺少企业的统一社会信用代码。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a unified social credit code (18 digits and capital letters).</source>
        <translation>“%1”不是统一社会信用代码（18 位数字和大写字母）。</translation>
    </message>
    <message>
        <source>The trade mode is missing.</source>
        <translation>缺少监管方式。</translation>
    </message>
    <message>
        <source>The trade mode &quot;%1&quot; must have 4 digits.</source>
        <translation>监管方式“%1”应为 4 位数字。</translation>
    </message>
    <message>
        <source>The currency is missing.</source>
        <translation>缺少币制。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 4217 currency code.</source>
        <translation>“%1”不是 ISO 4217 币制代码。</translation>
    </message>
    <message>
        <source>The total value cannot be negative.</source>
        <translation>总价不能为负数。</translation>
    </message>
    <message>
        <source>The declaration has no goods lines.</source>
        <translation>报关单没有商品项。</translation>
    </message>
    <message>
        <source>Goods line %1: the HS code &quot;%2&quot; must have 10 digits.</source>
        <translation>第 %1 项商品：商品编码“%2”应为 10 位数字。</translation>
    </message>
    <message>
        <source>Goods line %1: &quot;%2&quot; is not an ISO 3166-1 country code.</source>
        <translation>第 %1 项商品：“%2”不是 ISO 3166-1 国家（地区）代码。</translation>
    </message>
    <message>
        <source>Goods line %1: the quantity must be above zero (declared: %2).</source>
        <translation>第 %1 项商品：数量必须大于零（申报为 %2）。</translation>
    </message>
    <message>
        <source>Goods line %1: the unit of quantity is missing.</source>
        <translation>第 %1 项商品：缺少计量单位。</translation>
    </message>
    <message>
        <source>Goods line %1: the value cannot be negative.</source>
        <translation>第 %1 项商品：价格不能为负数。</translation>
    </message>
    <message>
        <source>Goods line %1: &quot;%2&quot; is not an ISO 4217 currency code.</source>
        <translation>第 %1 项商品：“%2”不是 ISO 4217 币制代码。</translation>
    </message>
    <message>
        <source>Goods line %1 is in %2, the declaration in %3: one currency per declaration.</source>
        <translation>第 %1 项商品以 %2 申报，报关单以 %3 申报：一份报关单只能使用一种币制。</translation>
    </message>
    <message>
        <source>The goods lines&apos; values are too large to add up.</source>
        <translation>各项商品价格过大，无法合计。</translation>
    </message>
    <message>
        <source>The goods lines add up to %1, but the total value declared is %2.</source>
        <translation>各项商品合计为 %1，但申报总价为 %2。</translation>
    </message>
    <message>
        <source>A two-step declaration needs a guarantee unless the enterprise is advanced certified (AEO).</source>
        <translation>两步申报须提供担保，高级认证企业（AEO）除外。</translation>
    </message>
</context>
<context>
    <name>Clearway::Models::Ecommerce</name>
    <message>
        <source>order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>支付单</translation>
    </message>
    <message>
        <source>waybill</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>manifest</source>
        <translation>申报清单</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Payment number</source>
        <translation>支付单编号</translation>
    </message>
    <message>
        <source>Waybill number</source>
        <translation>运单编号</translation>
    </message>
    <message>
        <source>Buyer&apos;s ID number</source>
        <translation>订购人证件号码</translation>
    </message>
    <message>
        <source>Buyer&apos;s name</source>
        <translation>订购人姓名</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1 differs: the %2 says &quot;%3&quot;, the %4 says &quot;%5&quot;.</source>
        <translation>%1不一致：%2为“%3”，%4为“%5”。</translation>
    </message>
    <message>
        <source>The quota cannot be checked: the buyer&apos;s ID number, an amount above zero and the declaration time are needed.</source>
        <translation>无法核对额度：需要订购人证件号码、大于零的金额和申报时间。</translation>
    </message>
    <message>
        <source>%1 is above the limit of %2 for one transaction.</source>
        <translation>%1 超过单次交易限值 %2。</translation>
    </message>
    <message>
        <source>%1 would take the buyer above the yearly limit of %2 for %3.</source>
        <translation>加上 %1 将超过订购人 %3 年度交易限值 %2。</translation>
    </message>
    <message>
        <source>Used in %1: %2; remaining: %3.</source>
        <translation>%1 年已用 %2，剩余 %3。</translation>
    </message>
    <message>
        <source>A quota use needs the buyer&apos;s ID number and the order number.</source>
        <translation>记录额度使用须有订购人证件号码和订单编号。</translation>
    </message>
    <message>
        <source>A quota use needs an amount above zero.</source>
        <translation>记录额度使用须有大于零的金额。</translation>
    </message>
    <message>
        <source>A quota use needs the time of the declaration.</source>
        <translation>记录额度使用须有申报时间。</translation>
    </message>
    <message>
        <source>This order is already counted in the buyer&apos;s quota.</source>
        <translation>该订单已计入订购人的额度。</translation>
    </message>
    <message>
        <source>Restoring a quota needs the identity-theft case and the stolen orders.</source>
        <translation>恢复额度须有身份被冒用案件编号和被冒用的订单。</translation>
    </message>
    <message>
        <source>These orders are not in the buyer&apos;s quota: %1. Nothing was restored.</source>
        <translation>以下订单不在该订购人的额度记录中：%1。未恢复任何额度。</translation>
    </message>
    <message>
        <source>The three documents disagree with the manifest: %1</source>
        <translation>三单与申报清单不一致：%1</translation>
    </message>
</context>
<context>
    <name>Clearway::Models::Lifecycle</name>
    <message>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>This action does not exist for this kind of work item.</source>
        <translation>此类业务没有这个操作。</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>您的岗位无权执行此操作。</translation>
    </message>
    <message>
        <source>This item belongs to another customs office.</source>
        <translation>该业务属于其他海关。</translation>
    </message>
    <message>
        <source>This action is not possible while the item is &quot;%1&quot;.</source>
        <translation>业务处于“%1”状态，不能执行此操作。</translation>
    </message>
    <message>
        <source>Claim the item before acting on it.</source>
        <translation>请先认领该业务再操作。</translation>
    </message>
    <message>
        <source>Another officer (%1) holds this item.</source>
        <translation>该业务由其他关员（%1）办理。</translation>
    </message>
    <message>
        <source>You already hold this item.</source>
        <translation>您已认领该业务。</translation>
    </message>
    <message>
        <source>Another officer (%1) already claimed this item.</source>
        <translation>该业务已被其他关员（%1）认领。</translation>
    </message>
    <message>
        <source>This action needs a reason.</source>
        <translation>此操作需要填写理由。</translation>
    </message>
    <message>
        <source>Choose the officer who takes the item over.</source>
        <translation>请选择接手的关员。</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Returned for correction</source>
        <translation>已退单待修改</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Under inspection</source>
        <translation>查验中</translation>
    </message>
    <message>
        <source>Awaiting chief&apos;s endorsement</source>
        <translation>待科长审批</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>认领</translation>
    </message>
    <message>
        <source>Put back in queue</source>
        <translation>退回公共队列</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Resume review</source>
        <translation>恢复审核</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>退单修改</translation>
    </message>
    <message>
        <source>Resubmitted by enterprise</source>
        <translation>企业重新申报</translation>
    </message>
    <message>
        <source>Route to inspection</source>
        <translation>转查验</translation>
    </message>
    <message>
        <source>Inspection finished</source>
        <translation>查验完毕</translation>
    </message>
    <message>
        <source>Escalate to chief</source>
        <translation>提交科长</translation>
    </message>
    <message>
        <source>Endorse</source>
        <translation>审批同意</translation>
    </message>
    <message>
        <source>Returned for modification</source>
        <translation>已退单待修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Transferred to anti-smuggling</source>
        <translation>已移交缉私</translation>
    </message>
    <message>
        <source>Return for modification</source>
        <translation>退单修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Transfer to anti-smuggling</source>
        <translation>移交缉私</translation>
    </message>
    <message>
        <source>Waiting for goods in position</source>
        <translation>待货物到位</translation>
    </message>
    <message>
        <source>Goods in position</source>
        <translation>货物已到位</translation>
    </message>
    <message>
        <source>Inspecting</source>
        <translation>查验中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Confirm goods in position</source>
        <translation>确认货物到位</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>开始查验</translation>
    </message>
    <message>
        <source>Record finding</source>
        <translation>记录查验情况</translation>
    </message>
    <message>
        <source>Complete with result</source>
        <translation>录入结果并完成</translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>In call</source>
        <translation>视频中</translation>
    </message>
    <message>
        <source>Awaiting archive</source>
        <translation>待归档</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Start call</source>
        <translation>开始视频</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>结束视频</translation>
    </message>
    <message>
        <source>Archive recording</source>
        <translation>归档录像</translation>
    </message>
    <message>
        <source>Cancel booking</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>Awaiting automatic review</source>
        <translation>待自动审核</translation>
    </message>
    <message>
        <source>Manual review</source>
        <translation>人工审核</translation>
    </message>
    <message>
        <source>Under investigation</source>
        <translation>调查中</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已签发</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不予签发</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Automatic review: pass</source>
        <translation>自动审核：通过</translation>
    </message>
    <message>
        <source>Automatic review: return</source>
        <translation>自动审核：退回</translation>
    </message>
    <message>
        <source>Automatic review: manual review</source>
        <translation>自动审核：转人工</translation>
    </message>
    <message>
        <source>Automatic review: investigation</source>
        <translation>自动审核：转调查</translation>
    </message>
    <message>
        <source>Issue certificate</source>
        <translation>签发证书</translation>
    </message>
    <message>
        <source>Open investigation</source>
        <translation>启动调查</translation>
    </message>
    <message>
        <source>Close investigation</source>
        <translation>结束调查</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>不予签发</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Received at window</source>
        <translation>窗口已受理</translation>
    </message>
    <message>
        <source>Handed off to back office</source>
        <translation>已流转后台</translation>
    </message>
    <message>
        <source>In handling</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Hand off to back office</source>
        <translation>流转后台</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Do not accept</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>The item changed after you looked at it, so this was not done. Look at it again, then decide.</source>
        <translation>您查看之后此业务已被他人变更，本操作未执行。请重新查看后再作决定。</translation>
    </message>
    <message>
        <source>An earlier action of yours on this item was not accepted, so this one was not done either. Look at the item again.</source>
        <translation>您此前对该业务的一项操作未被接受，因此本操作也未执行。请重新查看该业务。</translation>
    </message>
</context>
<context>
    <name>Clearway::Models::Reasons</name>
    <message>
        <source>Other (say what)</source>
        <translation>其他（请说明）</translation>
    </message>
    <message>
        <source>HS code classification is wrong</source>
        <translation>商品编码归类不准确</translation>
    </message>
    <message>
        <source>Declared value is not supported by the invoice</source>
        <translation>申报价格与发票不符</translation>
    </message>
    <message>
        <source>Quantity or unit of measure is wrong</source>
        <translation>数量或计量单位有误</translation>
    </message>
    <message>
        <source>Country of origin does not match the certificate</source>
        <translation>原产国与原产地证书不符</translation>
    </message>
    <message>
        <source>Trade mode (supervision mode) is wrong</source>
        <translation>监管方式申报有误</translation>
    </message>
    <message>
        <source>A required licence or certificate is missing</source>
        <translation>缺少监管证件</translation>
    </message>
    <message>
        <source>Attached documents are missing or illegible</source>
        <translation>随附单证缺失或不清晰</translation>
    </message>
    <message>
        <source>Two-step declaration without a valid guarantee</source>
        <translation>两步申报未提供有效担保</translation>
    </message>
    <message>
        <source>Fields contradict each other</source>
        <translation>申报项目之间相互矛盾</translation>
    </message>
    <message>
        <source>Waiting for documents from the enterprise</source>
        <translation>待企业补充资料</translation>
    </message>
    <message>
        <source>Price consultation with the enterprise</source>
        <translation>与企业进行价格磋商</translation>
    </message>
    <message>
        <source>Waiting for a laboratory result</source>
        <translation>待实验室检测结果</translation>
    </message>
    <message>
        <source>Suspected infringement of intellectual property</source>
        <translation>涉嫌侵犯知识产权</translation>
    </message>
    <message>
        <source>Duties or guarantee not yet paid</source>
        <translation>税款或担保尚未缴纳</translation>
    </message>
    <message>
        <source>Risk instruction (red channel)</source>
        <translation>布控指令（红色通道）</translation>
    </message>
    <message>
        <source>Doubt about value or quantity</source>
        <translation>对价格或数量存疑</translation>
    </message>
    <message>
        <source>Doubt about classification</source>
        <translation>对商品归类存疑</translation>
    </message>
    <message>
        <source>Quarantine inspection required</source>
        <translation>需实施检疫</translation>
    </message>
    <message>
        <source>Random selection</source>
        <translation>随机抽中</translation>
    </message>
    <message>
        <source>Intelligence or a tip-off</source>
        <translation>情报或举报线索</translation>
    </message>
    <message>
        <source>High value or high duty at stake</source>
        <translation>货值或税款金额重大</translation>
    </message>
    <message>
        <source>Policy question needs the chief&apos;s decision</source>
        <translation>政策把握需科长决定</translation>
    </message>
    <message>
        <source>Suspected smuggling or fraud</source>
        <translation>涉嫌走私或违规</translation>
    </message>
    <message>
        <source>The enterprise disputes the decision</source>
        <translation>企业对处理决定有异议</translation>
    </message>
    <message>
        <source>Order, payment and waybill do not agree</source>
        <translation>订单、支付单、运单三单信息不一致</translation>
    </message>
    <message>
        <source>Buyer&apos;s name or ID number is wrong</source>
        <translation>订购人姓名或身份证件号码有误</translation>
    </message>
    <message>
        <source>Over the buyer&apos;s personal quota</source>
        <translation>超出订购人个人交易限值</translation>
    </message>
    <message>
        <source>Goods not on the positive list for retail import</source>
        <translation>商品不在跨境电商零售进口正面清单内</translation>
    </message>
    <message>
        <source>Price is not credible</source>
        <translation>申报价格明显偏低或不实</translation>
    </message>
    <message>
        <source>Declared twice</source>
        <translation>重复申报</translation>
    </message>
    <message>
        <source>Order cancelled by the buyer</source>
        <translation>订购人已取消订单</translation>
    </message>
    <message>
        <source>Buyer&apos;s identity used without consent</source>
        <translation>订购人身份被冒用</translation>
    </message>
    <message>
        <source>Orders split to stay under the quota</source>
        <translation>拆分订单以规避限值</translation>
    </message>
    <message>
        <source>Trade is not genuine (goods resold)</source>
        <translation>非真实交易（二次销售）</translation>
    </message>
</context>
<context>
    <name>Clearway::Models::Risk</name>
    <message>
        <source>Rule set %1 has no exchange rate for %2: rules on the declared total value were not applied.</source>
        <translation>规则集 %1 没有 %2 的汇率：未执行针对申报总价的规则。</translation>
    </message>
    <message>
        <source>Rule set %1 has no exchange rate for a goods line&apos;s currency: rules on the unit value were not applied to it.</source>
        <translation>规则集 %1 没有某项商品币制的汇率：未对该项执行单价规则。</translation>
    </message>
    <message>
        <source>Enterprise %1 has dishonest credit: the red channel, whatever the rules say.</source>
        <translation>企业 %1 为失信企业：无论规则如何，一律走红色通道。</translation>
    </message>
    <message>
        <source>Enterprise %1 is on the blacklist: the red channel, whatever the rules say.</source>
        <translation>企业 %1 在黑名单上：无论规则如何，一律走红色通道。</translation>
    </message>
    <message>
        <source>Rule %1 (%2): %3 channel.</source>
        <translation>规则 %1（%2）：%3。</translation>
    </message>
    <message>
        <source>Random selection by rule %1 (%2): %3 % of the declarations it covers get at least the %4 channel, and this one was drawn.</source>
        <translation>规则 %1（%2）随机抽中：该规则覆盖的报关单中 %3% 至少走%4，本单被抽中。</translation>
    </message>
    <message>
        <source>Goods line %1.</source>
        <translation>第 %1 项商品。</translation>
    </message>
    <message>
        <source>Its unit value, %1 per %2, is %3 % of the reference %4.</source>
        <translation>其单价为每%2 %1，为参考价 %4 的 %3%。</translation>
    </message>
    <message>
        <source>Instruction: %1</source>
        <translation>查验指令：%1</translation>
    </message>
    <message>
        <source>Only a supervisor or an officer with the re-routing permission may change a channel.</source>
        <translation>只有科长或具有改变通道权限的关员才能改变通道。</translation>
    </message>
    <message>
        <source>Choose the green, yellow, red or blue channel.</source>
        <translation>请选择绿色、黄色、红色或蓝色通道。</translation>
    </message>
    <message>
        <source>The declaration is already in the %1 channel.</source>
        <translation>该报关单已在%1。</translation>
    </message>
    <message>
        <source>Changing a channel needs a reason; it is recorded.</source>
        <translation>改变通道须填写理由，理由将被记录。</translation>
    </message>
    <message>
        <source>The enterprise is dishonest or on the blacklist: its declarations stay in the red channel.</source>
        <translation>该企业为失信企业或在黑名单上：其报关单必须保持红色通道。</translation>
    </message>
</context>
<context>
    <name>Clearway::Models::RiskRules</name>
    <message>
        <source>&quot;%1&quot; is not an HS code or prefix (1 to 10 digits).</source>
        <translation>“%1”不是商品编码或编码前缀（1 至 10 位数字）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 3166-1 country code (two capital letters, e.g. VN).</source>
        <translation>“%1”不是 ISO 3166-1 国家（地区）代码（两个大写字母，如 VN）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a unified social credit code (18 digits and capital letters).</source>
        <translation>“%1”不是统一社会信用代码（18 位数字和大写字母）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a credit class: use advanced, general-certified, general or dishonest.</source>
        <translation>“%1”不是信用等级：请用 advanced、general-certified、general 或 dishonest。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a trade mode (4 digits, e.g. 0110).</source>
        <translation>“%1”不是监管方式（4 位数字，如 0110）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a transport: use sea, air, rail, road or mail.</source>
        <translation>“%1”不是运输方式：请用 sea、air、rail、road 或 mail。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a direction: use import or export.</source>
        <translation>“%1”不是进出口方向：请用 import 或 export。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a declaration mode: use standard, advance, two-step or two-stage.</source>
        <translation>“%1”不是申报模式：请用 standard、advance、two-step 或 two-stage。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a bill of lading number (capital letters, digits and &apos;-&apos;, at most 40).</source>
        <translation>“%1”不是提运单号（大写字母、数字和“-”，最多 40 个字符）。</translation>
    </message>
    <message>
        <source>enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>HS codes</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>countries</source>
        <translation>国家（地区）</translation>
    </message>
    <message>
        <source>bills of lading</source>
        <translation>提运单</translation>
    </message>
    <message>
        <source>%1 is already given on line %2.</source>
        <translation>%1 已在第 %2 行给出。</translation>
    </message>
    <message>
        <source>The first statement must be &quot;version &lt;name&gt;&quot;.</source>
        <translation>第一条语句必须是“version &lt;名称&gt;”。</translation>
    </message>
    <message>
        <source>Rule %1 (line %2) has no &quot;end&quot; before this rule.</source>
        <translation>规则 %1（第 %2 行）在本规则之前缺少“end”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot stand inside a rule: is the &quot;end&quot; of rule %2 (line %3) missing?</source>
        <translation>“%1”不能写在规则内部：是否缺少规则 %2（第 %3 行）的“end”？</translation>
    </message>
    <message>
        <source>Unknown word &quot;%1&quot;.</source>
        <translation>无法识别的词“%1”。</translation>
    </message>
    <message>
        <source>&quot;end&quot; without a rule.</source>
        <translation>“end”前没有规则。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; belongs inside a rule (between &quot;rule&quot; and &quot;end&quot;).</source>
        <translation>“%1”应写在规则内部（“rule”与“end”之间）。</translation>
    </message>
    <message>
        <source>&quot;version&quot; needs a name of at most 64 characters.</source>
        <translation>“version”需要一个不超过 64 个字符的名称。</translation>
    </message>
    <message>
        <source>&quot;selection-key&quot; needs 32 hexadecimal digits.</source>
        <translation>“selection-key”需要 32 位十六进制数字。</translation>
    </message>
    <message>
        <source>&quot;rate&quot; needs an ISO 4217 currency and the CNY value of one unit of it: rate USD 7.1026.</source>
        <translation>“rate”需要一个 ISO 4217 币制及其一个单位折合的人民币金额：rate USD 7.1026。</translation>
    </message>
    <message>
        <source>CNY needs no rate.</source>
        <translation>人民币无需汇率。</translation>
    </message>
    <message>
        <source>&quot;target&quot; needs a channel and a percentage up to 100 %: target red 3%.</source>
        <translation>“target”需要一个通道和不超过 100% 的百分比：target red 3%。</translation>
    </message>
    <message>
        <source>&quot;list&quot; needs a name (letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;), a kind (enterprise, hs, country or bill) and items: list high-risk country VN TH.</source>
        <translation>“list”需要名称（字母、数字、“-”、“_”、“.”）、种类（enterprise、hs、country 或 bill）和条目：list high-risk country VN TH。</translation>
    </message>
    <message>
        <source>The blacklist must be a list of enterprises.</source>
        <translation>黑名单必须是企业名单。</translation>
    </message>
    <message>
        <source>List &quot;%1&quot; was declared a list of %2 on line %3.</source>
        <translation>名单“%1”已在第 %3 行声明为%2名单。</translation>
    </message>
    <message>
        <source>&quot;reference&quot; needs an HS prefix, a unit value in CNY above 0 and a unit: reference 0306 45.00 per 千克.</source>
        <translation>“reference”需要商品编码前缀、大于 0 的人民币单价和计量单位：reference 0306 45.00 per 千克。</translation>
    </message>
    <message>
        <source>&quot;rule&quot; needs an id (letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;) and a name: rule R-001 Frozen shrimp below reference value.</source>
        <translation>“rule”需要编号（字母、数字、“-”、“_”、“.”）和名称：rule R-001 冻虾低于参考价。</translation>
    </message>
    <message>
        <source>Rule %1 gives no channel: add &quot;channel &lt;yellow|red|blue&gt;&quot; or &quot;sample &lt;percent&gt;% &lt;channel&gt;&quot;.</source>
        <translation>规则 %1 未给出通道：请添加“channel &lt;yellow|red|blue&gt;”或“sample &lt;百分比&gt;% &lt;通道&gt;”。</translation>
    </message>
    <message>
        <source>&quot;end&quot; stands alone on its line.</source>
        <translation>“end”须单独成行。</translation>
    </message>
    <message>
        <source>&quot;instruction&quot; needs text for the examiner.</source>
        <translation>“instruction”需要给审单或查验关员的指令文字。</translation>
    </message>
    <message>
        <source>Unknown channel &quot;%1&quot;: use yellow, red or blue.</source>
        <translation>无法识别的通道“%1”：请用 yellow、red 或 blue。</translation>
    </message>
    <message>
        <source>A rule cannot give the green channel: green is what a declaration gets when no rule hits.</source>
        <translation>规则不能给出绿色通道：未命中任何规则的报关单即走绿色通道。</translation>
    </message>
    <message>
        <source>&quot;channel&quot; needs one channel: yellow, red or blue.</source>
        <translation>“channel”需要一个通道：yellow、red 或 blue。</translation>
    </message>
    <message>
        <source>&quot;sample&quot; needs a rate above 0 % and at most 100 %, and a channel: sample 3% yellow.</source>
        <translation>“sample”需要大于 0% 且不超过 100% 的比例和一个通道：sample 3% yellow。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs at least one value or &quot;in &lt;list&gt;&quot;.</source>
        <translation>“%1”至少需要一个值或“in &lt;名单&gt;”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot use a list; lists hold enterprises, HS codes, countries or bills of lading.</source>
        <translation>“%1”不能使用名单；名单只能列企业、商品编码、国家（地区）或提运单。</translation>
    </message>
    <message>
        <source>&quot;value&quot; needs a comparison and an amount in CNY: value &gt;= 100000, value &lt; 5000.50 or value between 1000 and 5000.</source>
        <translation>“value”需要比较符和人民币金额：value &gt;= 100000、value &lt; 5000.50 或 value between 1000 and 5000。</translation>
    </message>
    <message>
        <source>&quot;unit-value&quot; needs below or above and a percentage of the reference: unit-value below 50%.</source>
        <translation>“unit-value”需要 below 或 above 以及相对参考价的百分比：unit-value below 50%。</translation>
    </message>
    <message>
        <source>There is no list named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的名单。</translation>
    </message>
    <message>
        <source>List &quot;%1&quot; holds %2; this criterion needs %3.</source>
        <translation>名单“%1”列的是%2；此条件需要%3。</translation>
    </message>
    <message>
        <source>The rule set is empty: it needs at least a &quot;version&quot; line.</source>
        <translation>规则集为空：至少需要一行“version”。</translation>
    </message>
    <message>
        <source>Rule %1 has no &quot;end&quot;.</source>
        <translation>规则 %1 缺少“end”。</translation>
    </message>
    <message>
        <source>List &quot;%1&quot; has no items.</source>
        <translation>名单“%1”没有条目。</translation>
    </message>
    <message>
        <source>The lane targets add up to %1 %, more than 100 %.</source>
        <translation>各通道目标比例合计 %1%，超过 100%。</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>Clearway::Models::ServiceCatalogue</name>
    <message>
        <source>Consignor/consignee registration</source>
        <translation>进出口货物收发货人备案</translation>
    </message>
    <message>
        <source>Registration form for customs declaration entities</source>
        <translation>报关单位备案信息表</translation>
    </message>
    <message>
        <source>Business licence (copy)</source>
        <translation>营业执照（复印件）</translation>
    </message>
    <message>
        <source>Legal representative&apos;s identity document</source>
        <translation>法定代表人身份证件</translation>
    </message>
    <message>
        <source>Power of attorney (when an agent applies)</source>
        <translation>授权委托书（代理人办理时）</translation>
    </message>
    <message>
        <source>Enterprise Management and Audit Section</source>
        <translation>企业管理和稽查科</translation>
    </message>
    <message>
        <source>Importer filing for food and cosmetics</source>
        <translation>进口食品化妆品进口商备案</translation>
    </message>
    <message>
        <source>Importer filing form</source>
        <translation>进口商备案申请表</translation>
    </message>
    <message>
        <source>Food safety management system</source>
        <translation>食品安全管理制度</translation>
    </message>
    <message>
        <source>Contact person&apos;s identity document</source>
        <translation>联系人身份证件</translation>
    </message>
    <message>
        <source>General Operations Section 1</source>
        <translation>综合业务一科</translation>
    </message>
    <message>
        <source>Certificate of origin issuance</source>
        <translation>原产地证书签发</translation>
    </message>
    <message>
        <source>Application for a certificate of origin</source>
        <translation>原产地证明书申请书</translation>
    </message>
    <message>
        <source>Commercial invoice</source>
        <translation>商业发票</translation>
    </message>
    <message>
        <source>Draft certificate</source>
        <translation>证书草本</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>General Operations Section 2</source>
        <translation>综合业务二科</translation>
    </message>
    <message>
        <source>Special items approval</source>
        <translation>特殊物品审批</translation>
    </message>
    <message>
        <source>Health quarantine approval application for special items</source>
        <translation>入/出境特殊物品卫生检疫审批申请表</translation>
    </message>
    <message>
        <source>Description of the special items</source>
        <translation>特殊物品描述性材料</translation>
    </message>
    <message>
        <source>Risk assessment report</source>
        <translation>风险评估报告</translation>
    </message>
    <message>
        <source>Approval of the competent authority</source>
        <translation>主管部门批准文件</translation>
    </message>
    <message>
        <source>Health Quarantine Section</source>
        <translation>卫生检疫科</translation>
    </message>
    <message>
        <source>Consumer quota restoration</source>
        <translation>个人年度交易额度恢复</translation>
    </message>
    <message>
        <source>Application for quota restoration</source>
        <translation>额度恢复申请</translation>
    </message>
    <message>
        <source>Identity document of the consumer</source>
        <translation>消费者身份证件</translation>
    </message>
    <message>
        <source>Police report receipt of the identity theft</source>
        <translation>身份被冒用的报案回执</translation>
    </message>
    <message>
        <source>Statement of the orders not placed by the consumer</source>
        <translation>非本人购买订单的情况说明</translation>
    </message>
    <message>
        <source>Choose the service item.</source>
        <translation>请选择办理事项。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a service item of the catalogue.</source>
        <translation>“%1”不是目录中的办理事项。</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s name.</source>
        <translation>请填写申请人名称。</translation>
    </message>
    <message>
        <source>The applicant&apos;s name is at most %1 characters.</source>
        <translation>申请人名称最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Enter the unified social credit code of the enterprise or the ID number of the person.</source>
        <translation>请填写企业的统一社会信用代码或个人的身份证号码。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a unified social credit code nor a resident ID number (18 characters, with a valid check character).</source>
        <translation>“%1”既不是统一社会信用代码，也不是居民身份证号码（应为 18 位，校验位正确）。</translation>
    </message>
    <message>
        <source>Enter a telephone number to reach the applicant.</source>
        <translation>请填写申请人的联系电话。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a telephone number (digits, spaces, &quot;-&quot;, a leading &quot;+&quot;).</source>
        <translation>“%1”不是电话号码（可含数字、空格、“-”及开头的“+”）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a document of this service item.</source>
        <translation>“%1”不是本事项的材料。</translation>
    </message>
    <message>
        <source>The applicant has not brought: %1. Tell the applicant everything that is missing at once.</source>
        <translation>申请人未带齐：%1。请一次性告知申请人所缺全部材料。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Enter the window you serve at.</source>
        <translation>请填写您所在的窗口。</translation>
    </message>
    <message>
        <source>The window is at most %1 characters.</source>
        <translation>窗口最多 %1 个字符。</translation>
    </message>
    <message>
        <source>The notes are at most %1 characters.</source>
        <translation>备注最多 %1 个字符。</translation>
    </message>
    <message>
        <source>The intake time must be between 0 and %1 seconds.</source>
        <translation>受理时长须在 0 至 %1 秒之间。</translation>
    </message>
    <message>
        <source>This field must be text.</source>
        <translation>此字段必须是文本。</translation>
    </message>
    <message>
        <source>This field must be a list of document keys.</source>
        <translation>此字段必须是材料代码列表。</translation>
    </message>
    <message>
        <source>This field must be a whole number.</source>
        <translation>此字段必须是整数。</translation>
    </message>
    <message>
        <source>This field is not part of an application.</source>
        <translation>申请中没有此字段。</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage</name>
    <message>
        <source>The file %1 is not a Clearway cache (it is not an SQLite database, or its header is damaged). It was left untouched.</source>
        <translation>文件 %1 不是 Clearway 缓存（不是 SQLite 数据库，或文件头已损坏）。文件未作任何改动。</translation>
    </message>
    <message>
        <source>The cache %1 does not exist.</source>
        <translation>缓存 %1 不存在。</translation>
    </message>
    <message>
        <source>The cache %1 could not be opened.</source>
        <translation>无法打开缓存 %1。</translation>
    </message>
    <message>
        <source>The file %1 cannot be read as a database; it may be damaged. It was left untouched.</source>
        <translation>无法将文件 %1 作为数据库读取，可能已损坏。文件未作任何改动。</translation>
    </message>
    <message>
        <source>The file %1 is a database, but not a Clearway cache. It was left untouched; choose another file.</source>
        <translation>文件 %1 是数据库，但不是 Clearway 缓存。文件未作任何改动，请选择其他文件。</translation>
    </message>
    <message>
        <source>The cache %1 was written by a newer version of Clearway (schema %2; this version reads up to %3). Update Clearway; the cache was left untouched.</source>
        <translation>缓存 %1 由更新版本的 Clearway 写入（结构版本 %2，本版本最高支持 %3）。请升级 Clearway；缓存未作任何改动。</translation>
    </message>
    <message>
        <source>The cache could not be configured.</source>
        <translation>无法设置缓存。</translation>
    </message>
    <message>
        <source>The cache could not be switched to write-ahead logging; is its folder writable?</source>
        <translation>无法将缓存切换为预写日志模式；其所在文件夹是否可写？</translation>
    </message>
    <message>
        <source>The disk is full: the cache could not be upgraded. Nothing was changed; free some space and start again.</source>
        <translation>磁盘已满，无法升级缓存。未作任何改动；请清理磁盘空间后重新启动。</translation>
    </message>
    <message>
        <source>The cache could not be upgraded to schema %1. Nothing was changed.</source>
        <translation>无法将缓存升级到结构版本 %1。未作任何改动。</translation>
    </message>
    <message>
        <source>The cache %1 is damaged and cannot be read. It was left untouched; technical support can rebuild it from the server and keep the unsent work.</source>
        <translation>缓存 %1 已损坏，无法读取。文件未作任何改动；技术支持可从服务器重建缓存并保留尚未发送的操作。</translation>
    </message>
    <message>
        <source>reason %1 of the routing is malformed</source>
        <translation>布控结果的第 %1 条原因格式有误</translation>
    </message>
    <message>
        <source>the routing of declaration %1 names no lane</source>
        <translation>报关单 %1 的布控结果未指明通道</translation>
    </message>
    <message>
        <source>the routing of declaration %1 is malformed</source>
        <translation>报关单 %1 的布控结果格式有误</translation>
    </message>
    <message>
        <source>Declaration %1 is not in the local cache.</source>
        <translation>本地缓存中没有报关单 %1。</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage::CacheRebase</name>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 已存在。</translation>
    </message>
    <message>
        <source>%1 could not be renamed to %2: %3</source>
        <translation>无法将 %1 改名为 %2：%3</translation>
    </message>
    <message>
        <source>The cache %1 was not re-based, and nothing was changed: %2</source>
        <translation>缓存 %1 未重建，未做任何改动：%2</translation>
    </message>
    <message>
        <source>there is no cache there.</source>
        <translation>该处没有缓存。</translation>
    </message>
    <message>
        <source>another program has it open (is clearway still running on this workstation?). Close it and try again.</source>
        <translation>另一个程序正打开着它（本工作站的 clearway 是否仍在运行？）。请关闭后重试。</translation>
    </message>
    <message>
        <source>it was never filled from a server, so there is nothing to start again from.</source>
        <translation>它从未从服务器复制过数据，无从重新开始。</translation>
    </message>
    <message>
        <source>The cache %1 was kept as %2, but the new cache %3 could not take its place: %4</source>
        <translation>缓存 %1 已保留为 %2，但新缓存 %3 未能替换它：%4</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage::CacheWriter</name>
    <message>
        <source>The cache is not open.</source>
        <translation>缓存未打开。</translation>
    </message>
    <message>
        <source>The disk is full: your action was not saved. Nothing stored was changed; free some space and try again.</source>
        <translation>磁盘已满，您的操作未能保存。已保存的数据没有任何改动；请清理磁盘空间后重试。</translation>
    </message>
    <message>
        <source>Your action could not be saved in the local cache: %1</source>
        <translation>您的操作未能保存到本地缓存：%1</translation>
    </message>
    <message>
        <source>This item is no longer in the cache.</source>
        <translation>该业务已不在缓存中。</translation>
    </message>
    <message>
        <source>Refused by the server: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
    <message>
        <source>The initial copy from the server could not be written: %1</source>
        <translation>无法写入从服务器首次复制的数据：%1</translation>
    </message>
    <message>
        <source>The server does not have this item.</source>
        <translation>服务器上没有此业务。</translation>
    </message>
    <message>
        <source>%1 %2 has it now.</source>
        <translation>%1现由%2办理。</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage::ItemDetails</name>
    <message>
        <source>Bill of lading</source>
        <translation>提单</translation>
    </message>
    <message>
        <source>Cargo manifest</source>
        <translation>舱单</translation>
    </message>
    <message>
        <source>E-commerce order</source>
        <translation>电商订单</translation>
    </message>
    <message>
        <source>Payment record</source>
        <translation>支付单</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>报关单</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>集装箱</translation>
    </message>
    <message>
        <source>This item is no longer in the cache.</source>
        <translation>该业务已不在缓存中。</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage::ManifestDocuments</name>
    <message>
        <source>This manifest is no longer in the cache.</source>
        <translation>该申报清单已不在缓存中。</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage::Officers</name>
    <message>
        <source>%1&apos;s account is disabled; choose another officer.</source>
        <translation>%1 的账号已停用，请选择其他关员。</translation>
    </message>
    <message>
        <source>There is no officer &quot;%1&quot;.</source>
        <translation>没有关员“%1”。</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage::QueueModel</name>
    <message>
        <source>The queue could not be read from the cache: %1</source>
        <translation>无法从缓存读取队列：%1</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage::QueueSpec</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Entry no.</source>
        <translation>报关单号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>I/E</source>
        <translation>进出口</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>申报模式</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Bill of lading</source>
        <translation>提单</translation>
    </message>
    <message>
        <source>Value (CNY)</source>
        <translation>货值（人民币）</translation>
    </message>
    <message>
        <source>Customs district</source>
        <translation>申报关区</translation>
    </message>
    <message>
        <source>Import / export</source>
        <translation>进出口</translation>
    </message>
    <message>
        <source>Declaration mode</source>
        <translation>申报模式</translation>
    </message>
    <message>
        <source>Trade mode</source>
        <translation>监管方式</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>Vessel / voyage</source>
        <translation>船名 / 航次</translation>
    </message>
    <message>
        <source>Manifest no.</source>
        <translation>清单编号</translation>
    </message>
    <message>
        <source>Declared value</source>
        <translation>申报总价</translation>
    </message>
    <message>
        <source>Duties and taxes</source>
        <translation>税款</translation>
    </message>
    <message>
        <source>Guarantee</source>
        <translation>担保</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>抵港时间</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>申报时间</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>订购人</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>电商平台</translation>
    </message>
    <message>
        <source>Payment no.</source>
        <translation>支付单号</translation>
    </message>
    <message>
        <source>Waybill no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Buyer ID no.</source>
        <translation>订购人证件号</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Manifest total</source>
        <translation>清单总价</translation>
    </message>
    <message>
        <source>Order total</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <source>Payment amount</source>
        <translation>支付金额</translation>
    </message>
    <message>
        <source>Task no.</source>
        <translation>任务编号</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>查验方式</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>集装箱</translation>
    </message>
    <message>
        <source>Check type</source>
        <translation>查验类别</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>查验地点</translation>
    </message>
    <message>
        <source>Notified</source>
        <translation>布控下达时间</translation>
    </message>
    <message>
        <source>Goods in position</source>
        <translation>货物已到位</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>查验结果</translation>
    </message>
    <message>
        <source>Session no.</source>
        <translation>会话编号</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <source>Duration (min)</source>
        <translation>时长（分钟）</translation>
    </message>
    <message>
        <source>Recording SHA-256</source>
        <translation>录像 SHA-256</translation>
    </message>
    <message>
        <source>Certificate no.</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的国</translation>
    </message>
    <message>
        <source>Review outcome</source>
        <translation>审核结论</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Handling office</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Full declaration due (two-step)</source>
        <translation>完整申报期限（两步申报）</translation>
    </message>
    <message>
        <source>Credit code / ID number</source>
        <translation>信用代码/身份证号</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
</context>
<context>
    <name>Clearway::Storage::ValueFormat</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>超期%1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>剩%1</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::BatchActionBar</name>
    <message numerus="yes">
        <source>%n not held by you (claim them first, or another officer holds them)</source>
        <translation>
            <numerusform>%n 项不由您经办（请先认领，或已由其他关员经办）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already claimed (by you or another officer)</source>
        <translation>
            <numerusform>%n 项已被认领（被您或其他关员）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n three documents disagree</source>
        <translation>
            <numerusform>%n 项三单不一致</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n over the buyer&apos;s quota</source>
        <translation>
            <numerusform>%n 项超出订购人额度</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without what the quota needs (buyer ID, amount)</source>
        <translation>
            <numerusform>%n 项缺少核对额度所需信息（订购人证件号码、金额）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not in a state that allows it</source>
        <translation>
            <numerusform>%n 项所处状态不允许此操作</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n belong to another customs office</source>
        <translation>
            <numerusform>%n 项属于其他海关</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n no longer in the cache</source>
        <translation>
            <numerusform>%n 项已不在缓存中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not allowed for your role</source>
        <translation>
            <numerusform>%n 项超出您的岗位权限</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused (%1)</source>
        <translation>
            <numerusform>%n 项被拒绝（%1）</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 every selected item</source>
        <translation>对全部选中业务执行“%1”</translation>
    </message>
    <message>
        <source>All %1 in this filter selected</source>
        <translation>已选中此筛选条件下的全部 %1 项</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选中 %1 项</translation>
    </message>
    <message>
        <source>Select all %1 in this filter</source>
        <translation>选中此筛选条件下的全部 %1 项</translation>
    </message>
    <message>
        <source>The items of this filter could not be read: %1</source>
        <translation>无法读取此筛选条件下的业务：%1</translation>
    </message>
    <message>
        <source>%1: %v of %m</source>
        <translation>%1：%v / %m</translation>
    </message>
    <message>
        <source>%1: %2 done, %3 refused.</source>
        <translation>%1：已完成 %2 项，%3 项被拒绝。</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::BatchSummaryDialog</name>
    <message>
        <source>%1: summary</source>
        <translation>%1：结果汇总</translation>
    </message>
    <message>
        <source>%1 of %2 done: stored here and on their way to the server.</source>
        <translation>已完成 %1 项（共 %2 项）：已保存在本机，正在发送到服务器。</translation>
    </message>
    <message>
        <source>%1 refused; nothing was changed on them:</source>
        <translation>%1 项被拒绝，这些业务未作任何改动：</translation>
    </message>
    <message>
        <source>Cancelled: %1 not tried.</source>
        <translation>已取消：%1 项未执行。</translation>
    </message>
    <message>
        <source>Stopped: %1 %2 not stored.</source>
        <translation>已中止：%1 %2 项未保存。</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::DetailPane</name>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>随附单证</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原产国</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单证</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>关员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Select an item in the queue to see its details.</source>
        <translation>在队列中选择一项业务以查看详情。</translation>
    </message>
    <message>
        <source>%1 · in the shared queue</source>
        <translation>%1 · 公共队列待认领</translation>
    </message>
    <message>
        <source>%1 · held by %2</source>
        <translation>%1 · 经办人 %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>(not yet synced)</source>
        <translation>（尚未同步）</translation>
    </message>
    <message>
        <source>Goods (%1)</source>
        <translation>商品（%1）</translation>
    </message>
    <message>
        <source>Documents (%1)</source>
        <translation>随附单证（%1）</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>处理记录（%1）</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>布控</translation>
    </message>
    <message>
        <source>Three documents</source>
        <translation>三单</translation>
    </message>
    <message>
        <source>Three documents (%1)</source>
        <translation>三单（%1）</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::IntakeDialog</name>
    <message>
        <source>&amp;Receive application</source>
        <translation>受理(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Print receipt…</source>
        <translation>打印回执(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save receipt as PDF…</source>
        <translation>回执另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Next application</source>
        <translation>下一件(&amp;N)</translation>
    </message>
    <message>
        <source>Receive an application</source>
        <translation>窗口受理</translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>Choose the service item</source>
        <translation>请选择办理事项</translation>
    </message>
    <message>
        <source>Service item:</source>
        <translation>办理事项：</translation>
    </message>
    <message>
        <source>Applicant:</source>
        <translation>申请人：</translation>
    </message>
    <message>
        <source>Credit code / ID number:</source>
        <translation>信用代码/身份证号：</translation>
    </message>
    <message>
        <source>Contact telephone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Documents brought:</source>
        <translation>已收材料：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Your average could not be read: %1</source>
        <translation>无法读取您的平均受理时长：%1</translation>
    </message>
    <message>
        <source>Your average: no applications received yet</source>
        <translation>您的平均受理时长：尚未受理申请</translation>
    </message>
    <message numerus="yes">
        <source>Your average: %1 over %n application(s)</source>
        <translation>
            <numerusform>您的平均受理时长：%1（共 %n 件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Intake time %1:%2</source>
        <translation>受理计时 %1:%2</translation>
    </message>
    <message>
        <source>The documents to check appear once the service item is chosen.</source>
        <translation>选择办理事项后显示需核对的材料。</translation>
    </message>
    <message numerus="yes">
        <source>Time limit: %n working day(s). Handled by: %1.</source>
        <translation>
            <numerusform>办理时限：%n 个工作日。承办科室：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (if applicable)</source>
        <translation>%1（如适用）</translation>
    </message>
    <message>
        <source>Correct the fields marked in red; nothing was sent.</source>
        <translation>请更正红字标出的栏目；尚未提交。</translation>
    </message>
    <message>
        <source>This workstation is not connected to a server: applications cannot be received here.</source>
        <translation>本工作站未连接服务器，无法受理申请。</translation>
    </message>
    <message>
        <source>Sending to the server…</source>
        <translation>正在发送到服务器…</translation>
    </message>
    <message>
        <source>The server refused the application: this office has used all of today&apos;s application numbers.</source>
        <translation>服务器拒绝受理：本关区今日的申请编号已用完。</translation>
    </message>
    <message>
        <source>The server refused the application; correct the fields marked in red. Nothing was stored.</source>
        <translation>服务器拒绝受理，请更正红字标出的栏目。未保存任何内容。</translation>
    </message>
    <message>
        <source>The application was not received: %1 The application number comes from the server, so intake needs a connection. What you entered is kept; press Receive again once the status bar says online.</source>
        <translation>申请未受理：%1 申请编号由服务器分配，受理需要连接服务器。已填写的内容均保留；状态栏显示在线后请再次点击“受理”。</translation>
    </message>
    <message>
        <source>Your account may not receive applications (window officers and section chiefs may).</source>
        <translation>您的账户无权受理申请（窗口关员和科长可以受理）。</translation>
    </message>
    <message>
        <source>The server could not receive the application (%1). What you entered is kept; try again.</source>
        <translation>服务器未能受理该申请（%1）。已填写的内容均保留，请重试。</translation>
    </message>
    <message>
        <source>Application %1 received. Due by %2. Print the receipt or save it for the applicant.</source>
        <translation>申请 %1 已受理，办结期限 %2。请打印或保存回执交申请人。</translation>
    </message>
    <message>
        <source>No application has been received yet.</source>
        <translation>尚未受理任何申请。</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>回执 %1</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>保存回执</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Receipt saved to %1.</source>
        <translation>回执已保存到 %1。</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::LedgerDialog</name>
    <message>
        <source>Hand-off ledger, office %1</source>
        <translation>移交台账（关区 %1）</translation>
    </message>
    <message>
        <source>Handed off</source>
        <translation>移交时间</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>From officer</source>
        <translation>移交关员</translation>
    </message>
    <message>
        <source>To section</source>
        <translation>承办科室</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>接办人</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>接办时间</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>自：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>至：</translation>
    </message>
    <message>
        <source>Window officer</source>
        <translation>窗口关员</translation>
    </message>
    <message>
        <source>Applications received</source>
        <translation>受理件数</translation>
    </message>
    <message>
        <source>Average acceptance time</source>
        <translation>平均受理时长</translation>
    </message>
    <message>
        <source>Acceptance time at the window, per officer (all applications received):</source>
        <translation>各关员窗口受理时长（全部受理件）：</translation>
    </message>
    <message>
        <source>The ledger could not be read: %1</source>
        <translation>无法读取台账：%1</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message numerus="yes">
        <source>%n hand-off(s)</source>
        <translation>
            <numerusform>共 %n 次移交</numerusform>
        </translation>
    </message>
    <message>
        <source> (not yet confirmed)</source>
        <translation>（尚未确认）</translation>
    </message>
    <message>
        <source>not taken yet</source>
        <translation>尚未接办</translation>
    </message>
    <message>
        <source>The averages could not be read: %1</source>
        <translation>无法读取平均受理时长：%1</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::MainWindow</name>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>My work</source>
        <translation>我的工作</translation>
    </message>
    <message>
        <source>To claim</source>
        <translation>待认领</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>全部在办</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Clearway — %1 (%2)</source>
        <translation>Clearway 通关工作台 — %1（%2）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Office %1</source>
        <translation>关区 %1</translation>
    </message>
    <message>
        <source>Cache: checking…</source>
        <translation>缓存：正在检查…</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>共 %1 项</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>业务(&amp;W)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Go to the queue</source>
        <translation>转到队列</translation>
    </message>
    <message>
        <source>Go to the queue list</source>
        <translation>转到队列导航</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>The language changes the next time Clearway starts.</source>
        <translation>界面语言将在下次启动 Clearway 时生效。</translation>
    </message>
    <message>
        <source>Cache OK</source>
        <translation>缓存正常</translation>
    </message>
    <message>
        <source>%1
Checked in %2 ms</source>
        <translation>%1
检查用时 %2 毫秒</translation>
    </message>
    <message>
        <source>Cache damaged</source>
        <translation>缓存已损坏</translation>
    </message>
    <message>
        <source>The local cache %1 is damaged. Nothing was deleted: your unsent work is still in it. Keep working with care and call technical support; they can rebuild the cache from the server and keep the unsent commands.</source>
        <translation>本地缓存 %1 已损坏。没有删除任何数据：尚未发送的操作仍保存在其中。请谨慎继续工作并联系技术支持；技术人员可从服务器重建缓存并保留未发送的操作。</translation>
    </message>
    <message>
        <source>The server refused &quot;%1&quot;: %2</source>
        <translation>服务器拒绝了“%1”：%2</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>%1 · %2 waiting to send</source>
        <translation>%1 · %2 项待发送</translation>
    </message>
    <message>
        <source>Last contact with the server: %1</source>
        <translation>最近一次与服务器通信：%1</translation>
    </message>
    <message>
        <source>Sync stopped: the server&apos;s certificate is not trusted (%1). Your work is kept here and sent once technical support has fixed the certificate and you sign in again.</source>
        <translation>同步已停止：服务器证书不受信任（%1）。您的工作已保存在本机，待技术支持修复证书并重新登录后发送。</translation>
    </message>
    <message>
        <source>Copying from the server: %1%</source>
        <translation>正在从服务器复制数据：%1%</translation>
    </message>
    <message>
        <source>Not syncing: another server</source>
        <translation>未同步：服务器已更换</translation>
    </message>
    <message>
        <source>After the first copy from the server, the search index and the indexes of closed work are built in the background. Until they are complete a search may not find every item, and sorting closed work is slower. Everything else is complete.</source>
        <translation>首次从服务器复制数据后，搜索索引和已办结业务的索引将在后台建立。建立完成之前，搜索可能找不到全部业务，已办结业务的排序也会较慢。其他数据均已完整。</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>正在建立索引…</translation>
    </message>
    <message>
        <source>Indexing %1%: searches may miss items</source>
        <translation>正在建立索引 %1%：搜索可能遗漏业务</translation>
    </message>
    <message>
        <source>Change channel…</source>
        <translation>调整通道…</translation>
    </message>
    <message>
        <source>Risk rules…</source>
        <translation>布控规则…</translation>
    </message>
    <message>
        <source>Window &amp;services</source>
        <translation>一窗通办(&amp;S)</translation>
    </message>
    <message>
        <source>&lt;table cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Search the queue&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;J / K, ↓ / ↑&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Next / previous item&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 … Ctrl+6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open a kind of work (my work)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 … Alt+5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;My work, to claim, overdue, all open, closed&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+M&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Claim&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+M&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Put back in the shared queue&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Release&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+H / Ctrl+Shift+H&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Hold / resume&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Return for correction&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+I&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Route to inspection&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Escalate&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+G&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Reassign (supervisors)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Alt+1 …&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Other actions, in the order of their buttons&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+X&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Clear the search and filters&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+C&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Change the channel of a declaration&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Risk rules (supervisors)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Refresh&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+L / Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Go to the queue / the queue list&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;搜索队列&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;J / K, ↓ / ↑&lt;/b&gt;&lt;/td&gt;&lt;td&gt;下一项 / 上一项&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 … Ctrl+6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;打开某类业务（我的工作）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 … Alt+5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;我的工作、待认领、已超期、全部在办、已办结&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+M&lt;/b&gt;&lt;/td&gt;&lt;td&gt;认领&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+M&lt;/b&gt;&lt;/td&gt;&lt;td&gt;退回公共队列&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;放行&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+H / Ctrl+Shift+H&lt;/b&gt;&lt;/td&gt;&lt;td&gt;挂起 / 恢复审核&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;退单修改&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+I&lt;/b&gt;&lt;/td&gt;&lt;td&gt;转查验&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;提交科长&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+G&lt;/b&gt;&lt;/td&gt;&lt;td&gt;改派（科长）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Alt+1 …&lt;/b&gt;&lt;/td&gt;&lt;td&gt;其他操作，按按钮顺序排列&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+X&lt;/b&gt;&lt;/td&gt;&lt;td&gt;清除搜索和筛选条件&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+C&lt;/b&gt;&lt;/td&gt;&lt;td&gt;调整报关单的通道&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;布控规则（科长）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;刷新&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+L / Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;转到队列 / 队列导航&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+N&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Receive an application at the window&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Application progress by number&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Hand-off ledger&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+N&lt;/b&gt;&lt;/td&gt;&lt;td&gt;窗口受理申请&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;按申请编号查询进度&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;移交台账&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>Select a declaration to change its channel.</source>
        <translation>请选择要调整通道的报关单。</translation>
    </message>
    <message>
        <source>The server changed the channel to %1; the change reaches every workstation now.</source>
        <translation>服务器已将通道调整为%1；此调整现正同步到所有工作站。</translation>
    </message>
    <message>
        <source>Your own work is here and can be worked on; the rest is still being copied.</source>
        <translation>您名下的业务已到，可以办理；其余业务仍在复制中。</translation>
    </message>
    <message numerus="yes">
        <source>%n unsent action(s) from the previous copy are being sent to the server, which decides each one again.</source>
        <translation>
            <numerusform>上一份缓存中 %n 项未发送的操作正在发往服务器，由服务器逐项重新裁定。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not up to date: the server&apos;s changes cannot be saved here, trying again</source>
        <translation>未同步到最新：服务器的变更无法保存到本机，正在重试</translation>
    </message>
    <message>
        <source>Why: %1. Your own work is kept; if this stays, call technical support.</source>
        <translation>原因：%1。您本人的工作已保留；如持续出现，请联系技术支持。</translation>
    </message>
    <message>
        <source>Refused actions…</source>
        <translation>被拒绝的操作…</translation>
    </message>
    <message>
        <source>Connect to the server now</source>
        <translation>立即连接服务器</translation>
    </message>
    <message>
        <source>Actions of yours the server refused, and why</source>
        <translation>服务器拒绝的您的操作及原因</translation>
    </message>
    <message>
        <source>last synced %1</source>
        <translation>最后同步 %1</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n refused</source>
        <translation>
            <numerusform>⚠ %n 项被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <source>Your queues do not include this kind of work.</source>
        <translation>您的队列不包括此类业务。</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::ManifestDocumentsView</name>
    <message>
        <source>Manifest</source>
        <translation>申报清单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付单</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Buyer&apos;s personal quota</source>
        <translation>订购人个人年度交易额度</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Payment number</source>
        <translation>支付单编号</translation>
    </message>
    <message>
        <source>Waybill number</source>
        <translation>运单编号</translation>
    </message>
    <message>
        <source>Buyer&apos;s ID number</source>
        <translation>订购人证件号码</translation>
    </message>
    <message>
        <source>Buyer&apos;s name</source>
        <translation>订购人姓名</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>The order, the payment and the waybill agree with the manifest.</source>
        <translation>订单、支付单、运单与申报清单一致。</translation>
    </message>
    <message numerus="yes">
        <source>%n disagreement(s): the manifest cannot be released until they are corrected.</source>
        <translation>
            <numerusform>%n 处不一致：更正之前不能放行该申报清单。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: used %2, remaining %3; this manifest %4.</source>
        <translation>%1 年：已用 %2，剩余 %3；本清单 %4。</translation>
    </message>
    <message>
        <source>Restored by identity-theft case %1: this order does not count.</source>
        <translation>已按身份被冒用案件 %1 恢复额度：本订单不计入额度。</translation>
    </message>
    <message>
        <source>Within the limits of %1 a transaction and %2 a year.</source>
        <translation>未超过单次交易限值 %1 和年度交易限值 %2。</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::OfficerPicker</name>
    <message>
        <source>Clearway — choose an officer</source>
        <translation>Clearway — 选择关员</translation>
    </message>
    <message>
        <source>%1 (%2) — %3, office %4</source>
        <translation>%1（%2）— %3，关区 %4</translation>
    </message>
    <message>
        <source>Open the workstation as one of the demo officers in this cache. Accounts and passwords arrive with the server connection.</source>
        <translation>以此缓存中的一位演示关员身份打开工作台。账号和密码将在连接服务器后启用。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::ProgressDialog</name>
    <message>
        <source>Application progress</source>
        <translation>申请进度查询</translation>
    </message>
    <message>
        <source>Application number, e.g. 5141-20261123-0007</source>
        <translation>申请编号，例如 5141-20261123-0007</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>关员</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>查询(&amp;L)</translation>
    </message>
    <message>
        <source>Application number:</source>
        <translation>申请编号：</translation>
    </message>
    <message>
        <source>No application has the number &quot;%1&quot;. Check the number on the applicant&apos;s receipt.</source>
        <translation>没有编号为“%1”的申请。请核对申请人回执上的编号。</translation>
    </message>
    <message>
        <source>The application could not be read: %1</source>
        <translation>无法读取该申请：%1</translation>
    </message>
    <message>
        <source>Type the number from the applicant&apos;s receipt and press Enter.</source>
        <translation>输入申请人回执上的编号后按回车。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · handled by %4</source>
        <translation>%1 · %2 · %3 · 承办：%4</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Overdue: the time limit ended %1 (%2).</source>
        <translation>已超期：时限已于 %1 届满（%2）。</translation>
    </message>
    <message>
        <source>Time left: %1 (due %2).</source>
        <translation>剩余时间：%1（期限 %2）。</translation>
    </message>
    <message>
        <source>Closed after the time limit (due %1).</source>
        <translation>超过时限办结（期限 %1）。</translation>
    </message>
    <message>
        <source>Closed within the time limit (due %1).</source>
        <translation>在时限内办结（期限 %1）。</translation>
    </message>
    <message numerus="yes">
        <source>Time limit: %n working day(s).</source>
        <translation>
            <numerusform>办理时限：%n 个工作日。</numerusform>
        </translation>
    </message>
    <message>
        <source>Window %1, intake took %2</source>
        <translation>窗口 %1，受理时长 %2</translation>
    </message>
    <message>
        <source> (not yet confirmed by the server)</source>
        <translation>（服务器尚未确认）</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::QueuePage</name>
    <message>
        <source>Search entry no., bill of lading, enterprise, HS code, goods, buyer… (Ctrl+F)</source>
        <translation>搜索报关单号、提单号、企业、商品编码、商品名称、订购人…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Risk channel</source>
        <translation>布控通道</translation>
    </message>
    <message>
        <source>Import or export</source>
        <translation>进口或出口</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部通道</translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation>进出口</translation>
    </message>
    <message>
        <source>Any deadline</source>
        <translation>全部时限</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Clear the search and every filter (Ctrl+Shift+X)</source>
        <translation>清除搜索和全部筛选条件（Ctrl+Shift+X）</translation>
    </message>
    <message>
        <source>No items match the search and filters.
Press Ctrl+Shift+X to clear them.</source>
        <translation>没有符合搜索和筛选条件的业务。
按 Ctrl+Shift+X 清除条件。</translation>
    </message>
    <message>
        <source>Nothing here: this queue is empty.</source>
        <translation>此队列暂无业务。</translation>
    </message>
    <message>
        <source>No item selected.</source>
        <translation>未选择业务。</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Select an item in the queue to see its details.</source>
        <translation>在队列中选择一项业务以查看详情。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Give the item to:</source>
        <translation>改派给：</translation>
    </message>
    <message>
        <source>%1: done. It will be sent to the server with the next sync.</source>
        <translation>%1：已完成，将在下次同步时发送到服务器。</translation>
    </message>
    <message>
        <source>Disk full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>%1 was refused: %2</source>
        <translation>%1 未执行：%2</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::ReasonDialog</name>
    <message>
        <source>%1: reason</source>
        <translation>%1：理由</translation>
    </message>
    <message>
        <source>Say why. It is recorded in the item&apos;s history, with your name and the time.</source>
        <translation>请说明理由。理由将连同您的姓名和时间记入该业务的处理记录。</translation>
    </message>
    <message>
        <source>Tick every reason that applies, and add details where they help. It is recorded in the item&apos;s history, with your name and the time.</source>
        <translation>请勾选所有适用的理由，必要时补充详细说明。理由将连同您的姓名和时间记入该业务的处理记录。</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Details:</source>
        <translation>详细说明(&amp;D)：</translation>
    </message>
    <message>
        <source>For example: which line, which document, what the enterprise must change</source>
        <translation>例如：哪一项商品、哪份单证、企业须修改什么</translation>
    </message>
    <message>
        <source>&quot;Other&quot; needs details: say what.</source>
        <translation>选择“其他”须填写详细说明：请说明具体情况。</translation>
    </message>
    <message>
        <source>A reason is needed.</source>
        <translation>须填写理由。</translation>
    </message>
    <message>
        <source>Tick a reason or write one.</source>
        <translation>请勾选或填写理由。</translation>
    </message>
    <message>
        <source>Recorded as: %1</source>
        <translation>将记录为：%1</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::RebaseBanner</name>
    <message>
        <source>Copy again from this server…</source>
        <translation>从此服务器重新复制…</translation>
    </message>
    <message>
        <source>The server is not the one this cache was filled from: it was restored from a backup or replaced. Nothing is sent to it and nothing is taken from it, and nothing was deleted here: your unsent work is kept. To work with this server again, copy again from it.</source>
        <translation>此服务器不是本缓存数据的来源：它已从备份恢复或已更换。不向它发送、也不从它接收任何数据，本地也未删除任何内容：您未发送的工作均已保留。如需继续使用此服务器，请从它重新复制。</translation>
    </message>
    <message>
        <source>This cache was filled from server database %1; the server now has %2.</source>
        <translation>本缓存来自服务器数据库 %1；服务器现在是 %2。</translation>
    </message>
    <message>
        <source>Copy again from this server</source>
        <translation>从此服务器重新复制</translation>
    </message>
    <message>
        <source>Start again from the server as it is now?</source>
        <translation>按服务器现在的数据重新开始？</translation>
    </message>
    <message>
        <source>This workstation&apos;s cache is not deleted: it is kept, unchanged, as
%1
so technical support can still open it.</source>
        <translation>本工作站的缓存不会被删除：它原样保留为
%1
技术支持仍可打开查看。</translation>
    </message>
    <message numerus="yes">
        <source>Your %n unsent action(s) are carried over and sent to this server once the new copy is made. The server decides each one again on what it holds now: an action that no longer fits (the item is gone or has changed there) is refused, and you are told why.</source>
        <translation>
            <numerusform>您 %n 项未发送的操作将转入新缓存，在新的复制完成后发往此服务器。服务器按其现有数据逐项重新裁定：不再适用的操作（业务已不存在或已变化）会被拒绝，并告诉您原因。</numerusform>
        </translation>
    </message>
    <message>
        <source>You have no unsent actions.</source>
        <translation>您没有未发送的操作。</translation>
    </message>
    <message>
        <source>Work the previous server had already accepted is not sent again. The workstation then copies the server&apos;s data and asks you to sign in again.</source>
        <translation>原服务器已接受的工作不会再次发送。随后工作站将复制服务器数据，并请您重新登录。</translation>
    </message>
    <message>
        <source>Copy again</source>
        <translation>重新复制</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::ReceiptPrinter</name>
    <message>
        <source>Acceptance receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>Application number: %1</source>
        <translation>申请编号：%1</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Credit code / ID number</source>
        <translation>信用代码/身份证号</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>办理时限</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>承办科室</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Customs office</source>
        <translation>海关</translation>
    </message>
    <message>
        <source>Documents received</source>
        <translation>已收材料</translation>
    </message>
    <message>
        <source>Look up progress with the application number at any service window, or ask the window that received it.</source>
        <translation>凭申请编号可在任一服务窗口查询办理进度，或咨询受理窗口。</translation>
    </message>
    <message>
        <source>Keep this receipt until the application is completed.</source>
        <translation>请妥善保管本回执至办结。</translation>
    </message>
    <message>
        <source>The receipt could not be written to %1.</source>
        <translation>无法将回执写入 %1。</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::RefusalsDialog</name>
    <message>
        <source>&amp;Show the item</source>
        <translation>查看业务(&amp;S)</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>These actions of yours were not done: the server decided otherwise. Each item shows what it holds now; look at it again and decide anew.</source>
        <translation>以下操作未执行：服务器作出了不同的判定。各业务显示其当前状态，请重新查看后再作决定。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>C&amp;lear the list</source>
        <translation>清空列表(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::RerouteDialog</name>
    <message>
        <source>Change channel of %1</source>
        <translation>调整 %1 的通道</translation>
    </message>
    <message>
        <source>Why the lane changes, e.g. &quot;Weighed on arrival: as declared&quot;. Recorded in the history and the audit log.</source>
        <translation>调整通道的理由，例如“到货过磅：与申报一致”。将记入处理记录和审计日志。</translation>
    </message>
    <message>
        <source>Change channel</source>
        <translation>调整通道</translation>
    </message>
    <message>
        <source>Channel now:</source>
        <translation>当前通道：</translation>
    </message>
    <message>
        <source>New channel:</source>
        <translation>新通道：</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>理由（必填）：</translation>
    </message>
    <message>
        <source>You may not change channels: only a section chief, or an officer granted re-routing (risk.reroute), may.</source>
        <translation>您无权调整通道：只有科长或被授予调整通道权限（risk.reroute）的关员才能调整。</translation>
    </message>
    <message>
        <source>The red channel is mandatory for this declaration: its enterprise has a dishonest credit class or is on the blacklist, and nobody can lower it. Correcting the enterprise&apos;s credit record or the blacklist is the way out.</source>
        <translation>该报关单必须走红色通道：其企业为失信企业或在黑名单上，任何人都不能降低通道。只有更正企业的信用记录或黑名单才能改变。</translation>
    </message>
    <message>
        <source>A reason is required to change a channel.</source>
        <translation>调整通道须填写理由。</translation>
    </message>
    <message>
        <source>The declaration already has this channel.</source>
        <translation>该报关单已在此通道。</translation>
    </message>
    <message>
        <source>The server does not know this declaration.</source>
        <translation>服务器上没有该报关单。</translation>
    </message>
    <message>
        <source>The channel was not changed: %1 Changing a channel needs the server; try again when it can be reached.</source>
        <translation>通道未调整：%1调整通道需要连接服务器，请在能够连接服务器时重试。</translation>
    </message>
    <message>
        <source>The server refused to change the channel: %1</source>
        <translation>服务器拒绝调整通道：%1</translation>
    </message>
    <message>
        <source>the workstation is offline.</source>
        <translation>本工作站处于离线状态。</translation>
    </message>
    <message>
        <source>Sending to the server…</source>
        <translation>正在发送到服务器…</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::RiskPanel</name>
    <message>
        <source>release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>document review before release</source>
        <translation>审单后放行</translation>
    </message>
    <message>
        <source>physical inspection</source>
        <translation>实货查验</translation>
    </message>
    <message>
        <source>release now, audit after clearance</source>
        <translation>先予放行，放行后稽核</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未布控</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Change channel…</source>
        <translation>调整通道…</translation>
    </message>
    <message>
        <source>Route this declaration to another channel, with a reason (Ctrl+Shift+C)</source>
        <translation>将此报关单调整到其他通道，须填写理由（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Channel: &lt;b style=&quot;color:%1&quot;&gt;%2&lt;/b&gt;</source>
        <translation>通道：&lt;b style=&quot;color:%1&quot;&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>How the rules routed this declaration is not known on this workstation yet.</source>
        <translation>本工作站尚不知道规则如何为该报关单分配通道。</translation>
    </message>
    <message>
        <source>Routed %1 on arrival by rule set version %2, %3 (%4).</source>
        <translation>申报时按规则集第 %2 版分配至%1，%3（%4）。</translation>
    </message>
    <message>
        <source>Routed %1 on arrival with no rule set published (only the credit class counts), %2 (%3).</source>
        <translation>申报时尚未发布规则集（仅按信用等级），分配至%1，%2（%3）。</translation>
    </message>
    <message>
        <source>The channel was changed by hand since: the History tab says who did it and why.</source>
        <translation>此后通道已被人工调整：可在“处理记录”页查看调整人和理由。</translation>
    </message>
    <message>
        <source>&lt;p&gt;No rule applied to this declaration: the green channel.&lt;/p&gt;</source>
        <translation>&lt;p&gt;该报关单未命中任何规则：绿色通道。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The reasons for this lane are not kept on this workstation and the server cannot be reached now. They are shown once the connection is back.</source>
        <translation>本工作站未保存分配此通道的原因，且目前无法连接服务器。连接恢复后将显示原因。</translation>
    </message>
    <message>
        <source>Asking the server why this declaration has its lane…</source>
        <translation>正在向服务器查询该报关单分配此通道的原因…</translation>
    </message>
    <message>
        <source>This declaration was not routed by the rules on this server (it was imported from elsewhere), so there are no reasons to show.</source>
        <translation>该报关单的通道不是由本服务器上的规则分配的（系从其他系统导入），因此没有可显示的原因。</translation>
    </message>
    <message>
        <source>The reasons for this lane are not kept on this workstation and the server cannot be reached now (%1).</source>
        <translation>本工作站未保存分配此通道的原因，且目前无法连接服务器（%1）。</translation>
    </message>
    <message>
        <source>The server could not say why this declaration has its lane: %1</source>
        <translation>服务器无法说明该报关单分配此通道的原因：%1</translation>
    </message>
    <message>
        <source>Dishonest credit class → %1</source>
        <translation>失信企业 → %1</translation>
    </message>
    <message>
        <source>Blacklisted enterprise → %1</source>
        <translation>黑名单企业 → %1</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>%1 %2 (random selection) → %3</source>
        <translation>%1 %2（随机抽中）→ %3</translation>
    </message>
    <message>
        <source>Dishonest credit class: %1, whatever the rules say</source>
        <translation>失信企业：无论规则如何，一律走%1</translation>
    </message>
    <message>
        <source>Enterprise %1 is classed as dishonest by customs; its declarations are always inspected. No officer can lower this lane.</source>
        <translation>企业 %1 被海关认定为失信企业，其报关单一律查验。任何关员都不能降低此通道。</translation>
    </message>
    <message>
        <source>Blacklisted enterprise: %1, whatever the rules say</source>
        <translation>黑名单企业：无论规则如何，一律走%1</translation>
    </message>
    <message>
        <source>Enterprise %1 is on the blacklist; its declarations are always inspected. No officer can lower this lane.</source>
        <translation>企业 %1 在黑名单上，其报关单一律查验。任何关员都不能降低此通道。</translation>
    </message>
    <message>
        <source>Rule %1 “%2”: %3</source>
        <translation>规则 %1“%2”：%3</translation>
    </message>
    <message>
        <source>Random selection by rule %1 “%2”: at least %3</source>
        <translation>规则 %1“%2”随机抽中：至少走%3</translation>
    </message>
    <message>
        <source>The rule picks %1 % of the declarations it covers at random. This declaration drew %2, below %3, so it was picked. The draw comes from the entry number, so the same declaration is always picked again under this rule set.</source>
        <translation>该规则从其覆盖的报关单中随机抽取 %1%。本报关单的抽样值为 %2，低于 %3，因此被抽中。抽样值由报关单号决定，因此在同一规则集下，同一报关单每次都会被抽中。</translation>
    </message>
    <message>
        <source>Goods line %1 met the rule.</source>
        <translation>第 %1 项商品命中该规则。</translation>
    </message>
    <message>
        <source>Its unit value is %1 per %2: %3 % of the reference value %4 per %2.</source>
        <translation>其单价为每%2 %1，为参考价每%2 %4 的 %3%。</translation>
    </message>
    <message>
        <source>&lt;b&gt;To the examiner:&lt;/b&gt;</source>
        <translation>&lt;b&gt;给审单/查验关员的指令：&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::RuleEditor</name>
    <message>
        <source>Dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>发布…</translation>
    </message>
    <message>
        <source>Risk rules</source>
        <translation>布控规则</translation>
    </message>
    <message>
        <source>Route the last declarations under this text, without publishing it, to see which would change lane.</source>
        <translation>按此文本对最近的报关单试运行（不发布），查看哪些报关单的通道会改变。</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Under this text</source>
        <translation>按此文本</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Entry no.</source>
        <translation>报关单号</translation>
    </message>
    <message>
        <source>Would be</source>
        <translation>将变为</translation>
    </message>
    <message>
        <source>Because of</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Last declarations:</source>
        <translation>最近报关单数：</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No rule set has been published yet: only the credit class routes declarations away from green.</source>
        <translation>尚未发布规则集：目前只有企业信用等级会使报关单不走绿色通道。</translation>
    </message>
    <message>
        <source>In force: version %1, “%2”, published %3 by %4.</source>
        <translation>现行：第 %1 版“%2”，由 %4 于 %3 发布。</translation>
    </message>
    <message>
        <source>Loading the rule set in force…</source>
        <translation>正在加载现行规则集…</translation>
    </message>
    <message>
        <source>The rule set in force could not be loaded: %1</source>
        <translation>无法加载现行规则集：%1</translation>
    </message>
    <message>
        <source>Offline, and this workstation has not kept a rule set. The rules in force are shown once the server can be reached.</source>
        <translation>处于离线状态，且本工作站未保存规则集。能够连接服务器后将显示现行规则。</translation>
    </message>
    <message>
        <source>Offline: the rule set in force is not known here.</source>
        <translation>离线：本机无法获知现行规则集。</translation>
    </message>
    <message>
        <source>Dry runs and publishing need the server.</source>
        <translation>试运行和发布需要连接服务器。</translation>
    </message>
    <message>
        <source>Offline. Kept on this workstation on %1: %2</source>
        <translation>离线。本工作站于 %1 保存的规则集：%2</translation>
    </message>
    <message>
        <source>Your edits are kept; they started from the text kept on this workstation, and the server&apos;s version is now %1.</source>
        <translation>您的修改已保留；这些修改基于本工作站保存的文本，而服务器上的版本现为 %1。</translation>
    </message>
    <message>
        <source>Dry runs and publishing need the server; your edits stay here until it can be reached.</source>
        <translation>试运行和发布需要连接服务器；在能够连接服务器之前，您的修改保留在本机。</translation>
    </message>
    <message numerus="yes">
        <source>Problems (none: %n rule(s))</source>
        <translation>
            <numerusform>问题（无：共 %n 条规则）</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to go to line %1 (%2)</source>
        <translation>点击转到第 %1 行（%2）</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <source>Needs the server: the workstation is offline.</source>
        <translation>需要连接服务器：本工作站处于离线状态。</translation>
    </message>
    <message>
        <source>Waiting for the server&apos;s answer.</source>
        <translation>正在等待服务器响应。</translation>
    </message>
    <message>
        <source>Nothing to publish: the text is the rule set in force.</source>
        <translation>无需发布：此文本即现行规则集。</translation>
    </message>
    <message>
        <source>Route the last declarations under this text without publishing it (Ctrl+D)</source>
        <translation>按此文本对最近的报关单试运行，不发布（Ctrl+D）</translation>
    </message>
    <message>
        <source>Publish this text as the rule set in force</source>
        <translation>将此文本发布为现行规则集</translation>
    </message>
    <message>
        <source>Routing the last %1 declarations under this text…</source>
        <translation>正在按此文本对最近 %1 份报关单试运行…</translation>
    </message>
    <message>
        <source>The dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>Under “%1”, %2 of the last %3 declarations would change lane.</source>
        <translation>按“%1”，最近 %3 份报关单中有 %2 份的通道会改变。</translation>
    </message>
    <message>
        <source>The first %1 are listed.</source>
        <translation>仅列出前 %1 份。</translation>
    </message>
    <message>
        <source>Those that would get the strictest lane come first.</source>
        <translation>将进入最严格通道的报关单排在前面。</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>no rule (green)</source>
        <translation>未命中规则（绿色通道）</translation>
    </message>
    <message>
        <source>Publish “%1” as version %2 of the rule set? It routes every declaration that arrives from now on; declarations already routed keep their lanes.</source>
        <translation>将“%1”发布为规则集第 %2 版？发布后，此后到达的每份报关单都将按其分配通道；已分配通道的报关单保持原通道。</translation>
    </message>
    <message numerus="yes">
        <source>The text has %n problem(s): the server will refuse it and version %1 stays in force. Send it anyway?</source>
        <translation>
            <numerusform>文本中有 %n 个问题：服务器将拒绝该文本，第 %1 版继续有效。仍要发送吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Publish the rule set</source>
        <translation>发布规则集</translation>
    </message>
    <message>
        <source>Publish version %1</source>
        <translation>发布第 %1 版</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>正在发布…</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Published: “%1” is version %2 and routes every declaration that arrives from now on.</source>
        <translation>已发布：“%1”为第 %2 版，此后到达的每份报关单都将按其分配通道。</translation>
    </message>
    <message numerus="yes">
        <source>The server refused the text: %n problem(s), listed with their lines. Version %1 stays in force.</source>
        <translation>
            <numerusform>服务器拒绝了该文本：共 %n 个问题，已按行列出。第 %1 版继续有效。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server refused the text: %n problem(s), listed with their lines. No rule set is in force.</source>
        <translation>
            <numerusform>服务器拒绝了该文本：共 %n 个问题，已按行列出。目前没有现行规则集。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 did not happen: %2</source>
        <translation>%1未完成：%2</translation>
    </message>
    <message>
        <source>Unpublished changes</source>
        <translation>未发布的修改</translation>
    </message>
    <message>
        <source>The rule text has changes that are not published. Close the editor and lose them?</source>
        <translation>规则文本有尚未发布的修改。要关闭编辑器并放弃这些修改吗？</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::SessionBanner</name>
    <message>
        <source>Resume syncing</source>
        <translation>恢复同步</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>You are signed in offline: the server could not be reached. You are working from this workstation&apos;s copy, which may not show colleagues&apos; latest work; what you do is kept here and sent as soon as the server answers. Offline sign-in is allowed until %1.</source>
        <translation>您已离线登录：无法连接服务器。您正在使用本工作站的数据副本，其中可能没有同事的最新办理情况；您的操作保存在本机，服务器恢复响应后会立即发送。离线登录有效期至 %1。</translation>
    </message>
    <message>
        <source>The server refused this password as well. Your unsent work is kept on this workstation. Enter your current password to resume syncing.</source>
        <translation>服务器也拒绝了这个密码。您尚未发送的工作仍保存在本工作站。请输入您当前的密码以恢复同步。</translation>
    </message>
    <message>
        <source>The server did not accept your sign-in: your password may have been changed, or your account disabled. Your unsent work is kept on this workstation. Enter your password to resume syncing.</source>
        <translation>服务器未接受您的登录：您的密码可能已被修改，或账户已被停用。您尚未发送的工作仍保存在本工作站。请输入密码以恢复同步。</translation>
    </message>
    <message>
        <source>Signing in to the server…</source>
        <translation>正在登录服务器…</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::SignInDialog</name>
    <message>
        <source>Clearway — sign in</source>
        <translation>Clearway — 登录</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The server address must start with wss:// (or ws:// for a local test server).</source>
        <translation>服务器地址必须以 wss:// 开头（本机测试服务器可用 ws://）。</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Not signed in: the server&apos;s identity could not be verified, because its certificate is not trusted on this workstation (%1). Check the server address; if it is right, ask technical support to install your office&apos;s CA certificate.</source>
        <translation>未能登录：无法验证服务器身份，因为本工作站不信任其证书（%1）。请检查服务器地址；如地址无误，请联系技术支持安装本关区的 CA 证书。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Checking your password on this workstation…</source>
        <translation>无法连接服务器。正在本工作站核对您的密码…</translation>
    </message>
    <message>
        <source>If the server cannot be reached, you can sign in on this workstation until %1.</source>
        <translation>如果无法连接服务器，您可在 %1 之前在本工作站离线登录。</translation>
    </message>
    <message>
        <source>The server refused the user name or password. Check both and try again.</source>
        <translation>服务器拒绝了该用户名或密码。请检查后重试。</translation>
    </message>
    <message>
        <source>The password does not match the one you last signed in with on this workstation, so you cannot work offline. Check it and try again.</source>
        <translation>密码与您上次在本工作站登录时使用的密码不一致，因此无法离线办公。请检查后重试。</translation>
    </message>
    <message>
        <source>Too many wrong passwords in a row on this workstation.</source>
        <translation>在本工作站连续输错密码的次数过多。</translation>
    </message>
    <message>
        <source>You can work offline only on a workstation where you have signed in to this server before, and you have not signed in here yet. Sign in once the server can be reached; if it stays unreachable, call technical support.</source>
        <translation>只有在曾经登录过该服务器的工作站上才能离线办公，而您还没有在本工作站登录过。请在能够连接服务器时登录；如果服务器一直无法连接，请联系技术支持。</translation>
    </message>
    <message>
        <source>Your permission to work offline on this workstation has expired: it lasts a limited time after you last signed in to the server. Sign in once the server can be reached.</source>
        <translation>您在本工作站离线办公的许可已过期：该许可仅在您上次登录服务器后的一段时间内有效。请在能够连接服务器时登录。</translation>
    </message>
    <message>
        <source>Your office does not allow working offline (the server&apos;s setting). Sign in once the server can be reached.</source>
        <translation>您所在关区不允许离线办公（服务器设置）。请在能够连接服务器时登录。</translation>
    </message>
    <message>
        <source>When this workstation last reached the server, the server refused this password: it has been changed, or your account disabled. You cannot work offline with it. Sign in with the server, or ask your supervisor.</source>
        <translation>本工作站上次连接服务器时，服务器拒绝了这个密码：密码已被修改，或您的账户已被停用。不能用该密码离线办公。请在连接服务器后登录，或询问您的科长。</translation>
    </message>
    <message>
        <source>The record of your earlier sign-ins on this workstation cannot be read (%1), so you cannot work offline. Sign in once the server can be reached; if this message returns, call technical support.</source>
        <translation>无法读取您在本工作站的登录记录（%1），因此无法离线办公。请在能够连接服务器时登录；如果此提示再次出现，请联系技术支持。</translation>
    </message>
    <message numerus="yes">
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>%n 秒后可以重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server cannot be reached. %1</source>
        <translation>无法连接服务器。%1</translation>
    </message>
    <message>
        <source>The server takes no password for this account for a while: there were too many failed sign-ins to it, or from this workstation&apos;s network.</source>
        <translation>该账号（或本工作站所在网络）登录失败次数过多，服务器暂时不接受此账号的密码。</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::Startup</name>
    <message>
        <source>The language &quot;%1&quot; is not available; Clearway offers %2. Showing English.</source>
        <translation>不支持语言“%1”；Clearway 提供 %2。界面以英文显示。</translation>
    </message>
    <message>
        <source>No font for Simplified Chinese is installed, so Chinese names and goods may show as boxes. Ask for the package fonts-noto-cjk to be installed.</source>
        <translation>未安装简体中文字体，中文企业名称和商品可能显示为方框。请安装 fonts-noto-cjk 软件包。</translation>
    </message>
</context>
<context>
    <name>Clearway::Ui::WindowServices</name>
    <message>
        <source>Receive an application…</source>
        <translation>窗口受理…</translation>
    </message>
    <message>
        <source>Application progress…</source>
        <translation>申请进度查询…</translation>
    </message>
    <message>
        <source>Hand-off ledger…</source>
        <translation>移交台账…</translation>
    </message>
</context>
<context>
    <name>clearway</name>
    <message>
        <source>No local cache</source>
        <translation>没有本地缓存</translation>
    </message>
    <message>
        <source>There is no local cache at %1.

Create one with demo data:
  clearway-demo --cache %1
or start the demo with: tools/dev.sh demo</source>
        <translation>%1 处没有本地缓存。

可用演示数据创建：
  clearway-demo --cache %1
或运行 tools/dev.sh demo 启动演示。</translation>
    </message>
    <message>
        <source>The local cache cannot be used</source>
        <translation>无法使用本地缓存</translation>
    </message>
    <message>
        <source>No officers</source>
        <translation>没有关员</translation>
    </message>
    <message>
        <source>The cache %1 has no officers yet. Create demo data with clearway-demo.</source>
        <translation>缓存 %1 中还没有关员。请用 clearway-demo 创建演示数据。</translation>
    </message>
    <message>
        <source>Unknown officer</source>
        <translation>未知关员</translation>
    </message>
    <message>
        <source>There is no officer &quot;%1&quot; in this cache. Known officers: %2.</source>
        <translation>此缓存中没有关员“%1”。已有关员：%2。</translation>
    </message>
    <message>
        <source>The trusted certificate file cannot be used</source>
        <translation>无法使用受信任的证书文件</translation>
    </message>
    <message>
        <source>The CA certificate file %1 cannot be used: %2</source>
        <translation>无法使用 CA 证书文件 %1：%2</translation>
    </message>
    <message>
        <source>The workstation&apos;s scope is not valid</source>
        <translation>本工作站的同步范围设置无效</translation>
    </message>
    <message>
        <source>The scope &quot;%1&quot; is not known: use &quot;all&quot; or &quot;office&quot;.</source>
        <translation>不认识范围“%1”：请用“all”（全部）或“office”（本关区）。</translation>
    </message>
    <message>
        <source>There is no kind of work &quot;%1&quot;. Known kinds: declaration, manifest, inspection, video, certificate, application.</source>
        <translation>没有“%1”这类业务。可用：declaration（报关单）、manifest（清单）、inspection（查验）、video（视频查验）、certificate（证书）、application（窗口业务）。</translation>
    </message>
    <message>
        <source>%1 was not filled from server database %2 (it is %3): left as it is.</source>
        <translation>%1 的数据不是来自服务器数据库 %2（而是 %3）：保持原样。</translation>
    </message>
    <message numerus="yes">
        <source>%1 re-based: the cache filled from server database %2 is kept as %3; %n unsent action(s) carried over, sent once clearway has copied the server&apos;s data at the next sign-in.</source>
        <translation>
            <numerusform>%1 已重建：来自服务器数据库 %2 的缓存保留为 %3；%n 项未发送的操作已转入，将在下次登录、clearway 复制完服务器数据后发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>The cache was not re-based</source>
        <translation>缓存未重建</translation>
    </message>
</context>
</TS>
