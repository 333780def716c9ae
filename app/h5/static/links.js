// Where a buyer acts on a promotion: the pages of the group-buy, bargain and
// live room (one place, so a page's address is named once).
export const links = {
  group: (id) => `/group-activity/${id}`,
  bargain: (id) => `/bargain-activity/${id}`,
  room: (id) => `/live/${id}`,
};
