export default { template: `<el-empty :description="$t('common.coming_soon')" />` };
