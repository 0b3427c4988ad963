// SPDX-License-Identifier: GPL-2.0
/*
 * ptpk.ko: PTP timestamp filtering, clock servos and clock adjustment in the
 * kernel, driven over the "ptpk" generic netlink family.
 */

#include <linux/module.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "phc.h"
#include "servo.h"
#include "version.h"

static int __init ptpk_init(void)
{
	int err;

	err = ptpk_phc_init();
	if (err)
		return err;
	err = register_pernet_subsys(&ptpk_net_ops);
	if (err)
		goto err_phc;
	err = ptpk_owner_init();
	if (err)
		goto err_pernet;
	err = genl_register_family(&ptpk_genl_family);
	if (err)
		goto err_owner;
	return 0;

err_owner:
	ptpk_owner_exit();
err_pernet:
	unregister_pernet_subsys(&ptpk_net_ops);
err_phc:
	ptpk_phc_exit();
	return err;
}

static void __exit ptpk_exit(void)
{
	/* No new requests, then free every namespace's servos. */
	genl_unregister_family(&ptpk_genl_family);
	ptpk_owner_exit();
	unregister_pernet_subsys(&ptpk_net_ops);
	ptpk_phc_exit();
}

module_init(ptpk_init);
module_exit(ptpk_exit);

MODULE_DESCRIPTION("PTP servos and clock adjustment in the kernel");
MODULE_AUTHOR("The ptpk authors");
MODULE_LICENSE("GPL");
MODULE_VERSION(PTPK_VERSION);
MODULE_ALIAS_GENL_FAMILY(PTPK_FAMILY_NAME);
