// A menu entry whose page is still to come.
export default {
  template: `<el-card shadow="never"><el-empty :description="$t('common.coming_soon')" /></el-card>`,
};
