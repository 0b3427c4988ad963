/* SPDX-License-Identifier: GPL-2.0 */

#ifndef _PTPK_VERSION_H
#define _PTPK_VERSION_H

#define PTPK_VERSION	"0.1.0"

#endif /* _PTPK_VERSION_H */
